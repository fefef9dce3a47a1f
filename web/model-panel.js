// model-panel.js - a data problem's model over its inputs, with the data:
// the decision map (2-D inputs) or the fitted curve (1-D). At the
// playback's step t it shows the model as it was then: the run records
// frames of the map at evaluation steps (run.frames, see web/core.js), and
// the last frame at or before t is drawn.
import { Plot } from './plot.js';
import { drawCurve, drawDecision } from './decision.js';
import { atOrBefore, brief } from './story.js';

// The frame for step t: { step, output } (null t: the final model).
export function frameAt(run, t) {
  const pr = run.prediction, f = run.frames;
  if (t === null || !f?.step?.length) return { step: null, grid: pr, output: pr.output };
  const k = Math.max(0, atOrBefore(f.step, t)), size = f.nx * f.ny;
  if (k === f.step.length - 1 && f.nx === pr.nx && f.ny === pr.ny) return { step: null, grid: pr, output: pr.output };
  return { step: f.step[k], grid: f, output: f.output.subarray(k * size, (k + 1) * size) };
}

// The plot's text alternative (its canvas's label): what it shows, at
// which step, and how well the model did on the held-out points then.
function modelAlt(run, step, twoD) {
  const when = step === null ? 'at the end of the run' : `at step ${step}`;
  const k = run.eval_step?.length ? Math.max(0, atOrBefore(run.eval_step, step ?? Infinity)) : -1;
  const acc = k >= 0 && run.test_acc?.length ? ` Held-out accuracy ${(100 * run.test_acc[k]).toFixed(1)}%.` : '';
  const held = k >= 0 && run.test_loss?.length ? ` Held-out loss ${brief(run.test_loss[k])}.` : '';
  return twoD ? `Decision map of the model ${when}, over its inputs x1 and x2: blue where it predicts class 0, orange where class 1; ` +
    `the data as blue circles (class 0) and orange squares (class 1), training points filled, held-out ones hollow.${acc}`
    : `The model's curve ${when} over the data (x, y), training points filled, held-out ones hollow.${held}`;
}

export class ModelPanel {
  constructor() {
    const $ = (id) => document.getElementById(id);
    this.els = { canvas: $('model-plot'), title: $('model-title'), legend: $('model-legend') };
    this.plot = new Plot(this.els.canvas);
    this.drawn = null; // the run last drawn
  }

  clear(wait = '') {
    this.drawn = null;
    this.plot.clear(wait);
    this.els.canvas.dataset.run = '';
    this.els.title.textContent = 'Model and data';
    this.els.legend.textContent = '';
    this.els.canvas.setAttribute('aria-label', `The model over its inputs: ${wait || 'none yet'}`);
  }

  draw(run, t = null) {
    const pr = run.prediction, points = { x: run.data_x, y: run.data_y, test: run.data_test };
    const { step, grid, output } = frameAt(run, t);
    const when = step === null ? '' : ` at step ${step}`;
    if (pr.ny > 1) {
      const g = this.plot.begin(pr.box);
      drawDecision(this.plot, g, grid, output, points);
      this.plot.axes(g, 'x1', 'x2');
      this.els.title.textContent = `Decision map and data${when}`;
      const mark = (cls, text) => Object.assign(document.createElement('span'), { className: `key-class ${cls}`, textContent: text });
      this.els.legend.replaceChildren(mark('class0', '●'), ' class 0, ', mark('class1', '■'), ' class 1; filled: training points, hollow: held out');
    } else {
      let lo = Infinity, hi = -Infinity;
      for (const v of [...run.data_y, ...pr.output]) if (Number.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
      const pad = 0.08 * (hi - lo || 1);
      const g = this.plot.begin([pr.box[0], pr.box[1], lo - pad, hi + pad]);
      drawCurve(this.plot, g, grid, output, points);
      this.plot.axes(g, 'x', 'y');
      this.els.title.textContent = `Model and data${when}`;
      this.els.legend.textContent = 'line: the model; filled: training points, hollow: held out';
    }
    this.els.canvas.setAttribute('aria-label', modelAlt(run, step, pr.ny > 1));
    this.els.canvas.dataset.run = run.fingerprint ?? '';
    this.drawn = run;
  }
}
