// boot.js - starts compiling the core while the page's bundle is still
// loading: a tiny classic script (async, ahead of web/gen/app.js) that
// fetches web/gen/lrp-core.wasm and compiles it as it streams in, off the
// main thread; web/core-fetch.js instantiates the result (or starts the
// same itself, when app.js runs first). Where nothing may be fetched
// (file://, a sandboxed iframe's opaque origin) it does nothing.
(() => {
  const src = document.currentScript && document.currentScript.src;
  if (self.origin === 'null' || !/^https?:/.test(src || '') || !WebAssembly.compileStreaming || self.lrpCoreCompiling) return;
  self.lrpCoreCompiling = WebAssembly.compileStreaming(fetch(new URL('gen/lrp-core.wasm', src))).catch(() => null);
})();
