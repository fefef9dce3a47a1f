// page-core.js - the page's one core, its binary fetched beside the bundle
// (web/core-fetch.js): app.js runs surfaces on it, and so does every host
// web/spawn.js runs on the page. Jobs live in their own caller blocks and
// the core keeps no global state, so they share it safely.
import { loadCore } from './core.js';
import { fetchedSource } from './core-fetch.js';

let core = null;
export const pageCore = () => (core ??= loadCore({ source: fetchedSource }));
