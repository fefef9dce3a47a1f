// estimate.js - how long a data run takes, before it starts: a cost model
// in units of one parameter times one row through the model forward and
// backward, and the pace this page has measured (ms per unit; Runner
// learns it from every run's progress). Surfaces take milliseconds and are
// not estimated. Pure: no core, no DOM.
import { DATA_PROBLEMS } from './keys.js';
import { FRAME_BUDGET } from './frames.js';

// Until a run has been timed: about this machine's pace (Chromium's worker,
// Node alike), which varies threefold with the load of a shared machine.
const DEFAULT_MS_PER_UNIT = 5e-7;
// A row costs about PER_ROW parameters more than its parameters (the input,
// the loss, the activations); an evaluation's row (forward only) about
// 1 / FORWARD of a training row's; the landscape at the end is 31 x 31
// evaluations of up to 1,024 training rows; a step costs STEP_ROWS rows
// more (the optimizer's update of every parameter, the schedule); the
// playback's frames, the model on a 48 x 48 grid at each evaluation, are
// held to FRAME_BUDGET (web/frames.js).
const PER_ROW = 20, FORWARD = 6, LANDSCAPE = 31 * 31, LANDSCAPE_ROWS = 1024, STEP_ROWS = 4, FRAME_POINTS = 48 * 48;
const EVAL_POINTS = 200; // core/job.c: evaluations every steps / 200 steps

const REGRESSION = ['line', 'sine'];

// The model's parameters (core/model.c): layers of (in + 1) x out weights,
// from the data's inputs (1 for (x, y) data, else 2) to one output, or one
// per class above two.
export function paramCount(p) {
  const regression = REGRESSION.includes(p.data) || (p.data === 'own' && !p.classes);
  const inputs = regression ? 1 : 2, outputs = !regression && p.classes > 2 ? p.classes : 1;
  const widths = [inputs, ...(p.problem === 'mlp' ? p.hidden : []), outputs];
  let n = 0;
  for (let i = 1; i < widths.length; i++) n += (widths[i - 1] + 1) * widths[i];
  return n;
}

// The work of a data run up to step t (all of it, with its final pictures,
// when t is its steps), in units; 0 for a surface.
export function work(p, t = p.steps) {
  if (!DATA_PROBLEMS.includes(p.problem)) return 0;
  const train = p.n - Math.floor(p.n * p.holdout), rows = p.batch || train;
  const stride = Math.max(1, Math.floor(p.steps / EVAL_POINTS));
  const evals = Math.floor(t / stride) + 1;
  const P = paramCount(p) + PER_ROW;
  const pictures = t < p.steps ? 0 : P * LANDSCAPE * Math.min(LANDSCAPE_ROWS, train) + Math.min(FRAME_BUDGET, evals * FRAME_POINTS * P);
  return P * (t * (rows + STEP_ROWS) + (evals * p.n) / FORWARD) + pictures / FORWARD;
}

export class Pace {
  constructor(msPerUnit = DEFAULT_MS_PER_UNIT) {
    this.msPerUnit = msPerUnit;
  }

  // A run's progress: ms computed up to step t. Learnt once it has run a
  // while (a first chunk of a few ms says little).
  learn(p, t, ms) {
    const w = work(p, Math.min(t, p.steps - 1));
    if (ms >= 250 && w > 0) this.msPerUnit = ms / w;
  }

  // The whole run, in ms.
  total(p) {
    return work(p) * this.msPerUnit;
  }

  // What is left of a run at step t that has computed for ms: at its own
  // pace once it has run a while, else at the page's.
  left(p, t, ms) {
    const done = work(p, Math.min(t, p.steps - 1));
    const rate = ms >= 250 && done > 0 ? ms / done : this.msPerUnit;
    return Math.max(0, work(p) - done) * rate;
  }
}

// "about 23 min", "about 40 s", "about 2 h 10 min"; null under a second.
export function duration(ms) {
  const s = ms / 1000;
  if (!(s >= 1)) return null;
  if (Math.round(s) < 60) return `about ${Math.round(s)} s`;
  const min = Math.round(s / 60);
  if (min < 60) return `about ${min} min`;
  const h = Math.floor(min / 60), rest = min % 60;
  return `about ${h} h${rest ? ` ${rest} min` : ''}`;
}
