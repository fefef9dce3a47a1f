// page-core.js - the page's one core, from the module factory bundled in
// (nothing is fetched): app.js runs surfaces on it, and so does every host
// web/spawn.js runs on the page. Jobs live in their own caller blocks and
// the core keeps no global state, so they share it safely.
import { loadCore } from './core.js';
import create from './gen/lrp-core.mjs';

let core = null;
export const pageCore = () => (core ??= loadCore({ create }));
