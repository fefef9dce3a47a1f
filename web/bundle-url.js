// bundle-url.js - the address of the script this module runs in, read while
// the bundle runs its top level (web/gen/app.js on the page, worker.js in a
// Web Worker): the files beside it (the worker, the core, later.js) are
// found from it. '' where there is none (Node, an unbundled module).
export const BUNDLE_URL = typeof document !== 'undefined' ? document.currentScript?.src ?? ''
  : typeof self !== 'undefined' ? self.location?.href ?? '' : '';
