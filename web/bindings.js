// The C functions the page, the worker and the CLI call, as one table:
// build.sh derives emcc's export list from it and web/core.js its wrappers,
// so the two cannot drift. [name, return type, argument types]; 'ptr' and
// 'i32' are numbers, 'u32' an unsigned one, 'str' a C string returned as a
// JS string.
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
  ['lrp_job_bytes', 'i32', ['ptr']],
  ['lrp_job_init', 'i32', ['ptr', 'i32', 'ptr']],
  ['lrp_job_set_data', 'i32', ['ptr', 'ptr', 'ptr']],
  ['lrp_job_advance', 'i32', ['ptr', 'i32']],
  ['lrp_job_done', 'i32', ['ptr']],
  ['lrp_job_finish', 'i32', ['ptr']],
  ['lrp_job_diverged_at', 'i32', ['ptr']],
  ['lrp_job_fingerprint', 'u32', ['ptr', 'i32']],
  ['lrp_job_n_params', 'i32', ['ptr']],
  ['lrp_job_out_count', 'i32', []],
  ['lrp_job_out_name', 'str', ['i32']],
  ['lrp_job_out_type', 'i32', ['i32']],
  ['lrp_job_out_ptr', 'ptr', ['ptr', 'i32']],
  ['lrp_job_out_len', 'i32', ['ptr', 'i32']],
  ['lrp_job_sharpness', 'f64', ['ptr', 'i32']],
  ['lrp_job_landscape', 'i32', ['ptr', 'ptr', 'f64', 'f64', 'f64', 'f64', 'i32', 'i32']],
  ['lrp_job_landscape_rows', 'i32', ['ptr', 'ptr', 'f64', 'f64', 'f64', 'f64', 'i32', 'i32', 'i32', 'i32']],
  ['lrp_job_predict', 'i32', ['ptr', 'ptr', 'f64', 'f64', 'f64', 'f64', 'i32', 'i32']],
  ['lrp_job_predict_at', 'i32', ['ptr', 'i32', 'ptr', 'f64', 'f64', 'f64', 'f64', 'i32', 'i32']],
  ['lrp_job_start_data', 'i32', ['ptr', 'ptr', 'ptr', 'i32', 'ptr']],
  ['lrp_job_train_rows', 'i32', ['ptr']],
  ['lrp_job_batch', 'i32', ['ptr']],
  ['malloc', 'ptr', ['i32']],
  ['free', null, ['ptr']],
];

// `node web/bindings.js` prints emcc's EXPORTED_FUNCTIONS list; with
// --graph, wasm-metadce's graph that keeps just these exports (and the
// memory and the reactor's _initialize, which web/wasm.js uses).
if (typeof process !== 'undefined' && process.argv[1] &&
    import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'))) {
  const names = BINDINGS.map(([name]) => name);
  if (process.argv[2] !== '--graph') console.log(JSON.stringify(names.map((name) => `_${name}`)));
  else {
    const kept = [...names, 'memory', '_initialize'];
    console.log(JSON.stringify([{ name: 'js', root: true, reaches: kept.map((e) => `export:${e}`) },
      ...kept.map((e) => ({ name: `export:${e}`, export: e }))]));
  }
}
