// tools.js - the learning-rate tools over the core: the range test (fastai's
// lr_find, find.js), the sweep over rates (sweep.js), and tuning (random
// search, successive halving; tune.js). Pure ES modules: they run in
// browsers, Web Workers and Node; they take a `core` from loadCore()
// (web/core.js) and resolved presets from parse() (web/preset.js). Only
// sweepParallel needs Node (worker_threads), and it imports them when called.
export { ToolError, withSettings } from './settings.js';
export * from './find.js';
export * from './sweep.js';
export * from './tune.js';
export * from './pick.js';
