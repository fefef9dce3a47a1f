// page-state.js - what the page shows, kept by web/app.js: the preset, its
// run, the view keys of the link, and what kind of picture is on screen.
import { SURFACES } from './preset.js';
import { parseView } from './view.js';

export const isSurface = (p) => SURFACES.includes(p.problem);
// What kind of picture a preset draws: when it changes, nothing of the old
// run may stay on screen.
export const kindOf = (p) => (isSurface(p) ? `surface ${p.problem} ${p.cond}` : `data ${p.problem} ${p.data}`);

// run: the last complete run of preset (null while one computes or after a
// stop); shown: what the charts show (a run or a partial one); view: the
// link's view keys (web/view.js; view.t the step the playback shows, null:
// all); lesson: the lesson whose own run is on screen (its notes apply);
// quick: a slider is dragged, or the page's first picture (coarse
// contours, refined after).
export const state = {
  preset: null, canonical: '', run: null, shown: null, request: null, quick: false,
  kind: '', view: parseView(''), lesson: null, notes: {}, autoplay: false, reveal: false,
};
