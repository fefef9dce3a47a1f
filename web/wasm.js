// wasm.js - the core's glue, in place of Emscripten's: the core is built as
// a standalone WebAssembly reactor (emcc -sSTANDALONE_WASM --no-entry), which
// exports its memory, malloc, free and the lrp_* functions and imports one
// function (told when the memory grows). instantiate(source) runs it and
// gives web/core.js what Emscripten's glue gave: the functions, the heap
// views (fresh after the memory grows) and UTF8ToString.
//
// source(imports) → a WebAssembly.Instance: fileSource reads the file
// beside this one (Node) or fetches it (unbundled modules); the page's
// bundles pass web/core-fetch.js's, which compiles the binary as it streams
// in (or decodes it from a script where nothing may be fetched).
const IMPORTS = { env: { emscripten_notify_memory_growth() {} } };
const HEAP_TYPES = { HEAP8: Int8Array, HEAPU8: Uint8Array, HEAP32: Int32Array, HEAPF32: Float32Array, HEAPF64: Float64Array };
const utf8 = new TextDecoder();

export async function instantiate(source) {
  const instance = await source(IMPORTS);
  const x = instance.exports;
  x._initialize(); // the reactor's constructors
  const memory = x.memory;
  let buffer = null, views = {};
  const view = (name) => {
    if (memory.buffer !== buffer) { // grown: the old views are detached
      buffer = memory.buffer;
      views = {};
    }
    return (views[name] ??= new HEAP_TYPES[name](buffer));
  };
  const M = { exports: x };
  for (const name of Object.keys(HEAP_TYPES)) Object.defineProperty(M, name, { get: () => view(name) });
  M.UTF8ToString = (p) => {
    const u8 = view('HEAPU8');
    let end = p;
    while (u8[end]) end++;
    return utf8.decode(u8.subarray(p, end));
  };
  return M;
}

// The binary beside this module (web/gen/), for Node (read from disk) and
// for pages that import the modules unbundled (fetched).
export const fileSource = (scalar) => async (imports) => {
  const url = new URL(`./gen/lrp-core${scalar ? '-scalar' : ''}.wasm`, import.meta.url);
  if (typeof process !== 'undefined' && process.versions?.node) {
    const { readFile } = await import('node:fs/promises');
    return (await WebAssembly.instantiate(await readFile(url), imports)).instance;
  }
  return (await WebAssembly.instantiateStreaming(fetch(url), imports)).instance;
};
