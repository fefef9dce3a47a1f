// The C functions the page, the worker and the CLI call, as one table:
// build.sh derives emcc's export list from it and web/core.js its wrappers,
// so the two cannot drift. [name, return type, argument types]; 'ptr' and
// 'i32' are numbers, 'str' a C string returned as a JS string.
export const BINDINGS = [
  ['lrp_error_message', 'str', ['i32']],
  ['lrp_config_init', null, ['ptr']],
  ['lrp_config_check', 'i32', ['ptr', 'ptr']],
  ['lrp_config_size', 'i32', []],
  ['lrp_config_field_count', 'i32', []],
  ['lrp_config_field_name', 'str', ['i32']],
  ['lrp_config_set', 'i32', ['ptr', 'i32', 'i32', 'f64']],
  ['lrp_config_get', 'f64', ['ptr', 'i32', 'i32']],
  ['lrp_enum_name', 'str', ['i32', 'i32']],
  ['lrp_surface_grid', 'i32', ['ptr', 'i32', 'f64', 'f64', 'f64', 'f64', 'f64', 'i32', 'i32']],
  ['lrp_optim_size', 'i32', []],
  ['lrp_optim_init', null, ['ptr', 'ptr']],
  ['lrp_optim_state_len', 'i32', ['ptr', 'i32']],
  ['lrp_optim_update', null, ['ptr', 'ptr', 'ptr', 'ptr', 'i32', 'f64', 'i32']],
  ['lrp_result_size', 'i32', []],
  ['lrp_run', 'i32', ['ptr', 'ptr', 'ptr', 'ptr', 'ptr']],
  ['malloc', 'ptr', ['i32']],
  ['free', null, ['ptr']],
];

// `node web/bindings.js` prints emcc's EXPORTED_FUNCTIONS list.
if (typeof process !== 'undefined' && process.argv[1] &&
    import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'))) {
  console.log(JSON.stringify(BINDINGS.map(([name]) => `_${name}`)));
}
