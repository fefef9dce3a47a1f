// model-panel.js - a data problem's model over its inputs, with the data:
// the decision map (2-D inputs) or the fitted curve (1-D). At the
// playback's step t it shows the model as it was then: the run records
// frames of the map at evaluation steps (run.frames, see web/core.js), and
// the last frame at or before t is drawn.
import { Plot } from './plot.js';
import { drawCurve, drawDecision } from './decision.js';
import { atOrBefore } from './story.js';

// The frame for step t: { step, output } (null t: the final model).
export function frameAt(run, t) {
  const pr = run.prediction, f = run.frames;
  if (t === null || !f?.step?.length) return { step: null, grid: pr, output: pr.output };
  const k = Math.max(0, atOrBefore(f.step, t)), size = f.nx * f.ny;
  if (k === f.step.length - 1 && f.nx === pr.nx && f.ny === pr.ny) return { step: null, grid: pr, output: pr.output };
  return { step: f.step[k], grid: f, output: f.output.subarray(k * size, (k + 1) * size) };
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
      this.els.legend.textContent = 'blue: class 0, orange: class 1; filled: training points, hollow: held out';
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
    this.els.canvas.dataset.run = run.fingerprint ?? '';
    this.drawn = run;
  }
}
