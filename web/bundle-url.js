// bundle-url.js - the address of the script this module runs in, read while
// the bundle runs its top level (web/gen/app.js on the page, worker.js in a
// Web Worker): the files beside it (the worker, the core, later.js) are
// found from it. '' where there is none (Node, an unbundled module). And
// loadScript(file), which runs the classic script `file` beside it: it loads
// wherever the bundle did (any host, file://, a sandboxed iframe) under the
// same Content-Security-Policy.
export const BUNDLE_URL = typeof document !== 'undefined' ? document.currentScript?.src ?? ''
  : typeof self !== 'undefined' ? self.location?.href ?? '' : '';

export function loadScript(file) {
  const src = new URL(file, BUNDLE_URL).href;
  if (typeof importScripts === 'function') return Promise.resolve(importScripts(src)); // a worker
  return new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = src;
    s.onload = resolve;
    s.onerror = () => reject(new Error(`a part of the page (${file}) could not be loaded`));
    document.head.append(s);
  });
}
