// frames.js - the shape of the playback frames (Job.frames() in core.js):
// at how many evaluations to draw the model, and on which grid, so that
// building them never stalls the worker. Pure: no core, no DOM.

// Building frames costs about frames x grid points x parameters
// multiply-adds; that product is held to FRAME_BUDGET, which takes about
// 150 ms in Chromium's worker for the heaviest model (three layers of 64
// on 2-D data: ~0.12 ns per unit on 48 x 48 grids, measured).
export const FRAME_BUDGET = 1.2e9;
// A run has up to ~400 evaluations, usually ~200: a scrubber is smooth with
// a frame every other one, so a model that cannot afford FRAME_MIN frames
// on the prediction's grid gets a coarser one, down to FRAME_SIDE_MIN.
const FRAME_MIN = 100, FRAME_SIDE_MIN = 24;

// { count, nx, ny }: how many frames (up to evals; the first and the last
// at least) on which grid, for a model of nParams parameters whose
// prediction grid is nx by ny. 1-D data (ny = 1) keeps its line; 2-D data
// the largest square from the prediction's side down to FRAME_SIDE_MIN
// that affords min(evals, FRAME_MIN) frames.
export function frameShape(evals, nParams, nx, ny) {
  const afford = (points) => Math.floor(FRAME_BUDGET / (points * nParams));
  const want = Math.min(evals, FRAME_MIN);
  const fit = Math.floor(Math.sqrt(FRAME_BUDGET / (want * nParams)));
  const side = ny === 1 ? nx : Math.max(Math.min(nx, FRAME_SIDE_MIN), Math.min(nx, fit));
  const [fx, fy] = ny === 1 ? [nx, 1] : [side, side];
  return { count: Math.min(evals, Math.max(2, afford(fx * fy))), nx: fx, ny: fy };
}
