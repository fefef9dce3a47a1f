// model-panel.js - a data problem's model over its inputs, with the data:
// the decision map (2-D inputs) or the fitted curve (1-D). At the
// playback's step t it shows the model as it was then: the run records
// frames of the map at evaluation steps (run.frames, see web/core.js), and
// the last frame at or before t is drawn.
import { Plot } from './plot.js';
import { SHAPES, drawCurve, drawDecision } from './decision.js';
import { CLASS_STYLES } from './palette.js';
import { ownData } from './own-data.js';
import { atOrBefore, className, modelAlt } from './story.js';

// The frame for step t: { step, output } (null t: the final model).
export function frameAt(run, t) {
  const pr = run.prediction, f = run.frames;
  if (t === null || !f?.step?.length) return { step: null, grid: pr, output: pr.output };
  const k = Math.max(0, atOrBefore(f.step, t)), size = f.nx * f.ny;
  if (k === f.step.length - 1 && f.nx === pr.nx && f.ny === pr.ny) return { step: null, grid: pr, output: pr.output };
  return { step: f.step[k], grid: f, output: f.output.subarray(k * size, (k + 1) * size) };
}

// Axis names: own data the core scaled say so (data_scale: lo, hi, scaled
// per column, the inputs then a regression's target).
const axisNames = (run, names) => names.map((name, c) => (run.data_scale?.[3 * c + 2] === 1 ? `${name} (scaled)` : name));

// The classes of a preset's data and their names (own data whose labels
// were words), else null. Without a preset: read from the labels.
function classesOf(preset, run) {
  if (preset?.data === 'own') {
    const { data } = ownData(preset.points);
    if (data?.classes) return { classes: data.classes, names: data.names ?? null };
  }
  if (preset?.classes) return { classes: preset.classes, names: null };
  return { classes: Math.max(2, ...Array.from(run.data_y, (v) => Math.round(v) + 1)), names: null };
}

const SVG = 'http://www.w3.org/2000/svg';
const svg = (tag, attrs) => {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
};

// Class c's mark as drawn on the map (its shape, colour and outline), an
// SVG for the legend.
function classMark(c) {
  const { colour, line, shape } = CLASS_STYLES[c], s = SHAPES[shape];
  const paint = { fill: colour, stroke: line, 'stroke-width': 1 };
  const mark = s.r ? svg('circle', { r: s.r, ...paint }) : s.half ? svg('rect', { x: -s.half, y: -s.half, width: 2 * s.half, height: 2 * s.half, ...paint })
    : svg('polygon', { points: s.polygon.map((p) => p.map((v) => v.toFixed(2)).join(',')).join(' '), ...paint });
  const box = svg('svg', { viewBox: '-6 -6 12 12', width: 13, height: 13, class: 'key-mark', 'aria-hidden': 'true' });
  box.append(mark);
  return box;
}

// The legend's entries: each class's mark and name (a CSV's words only as
// text, never as HTML), then what filled and hollow mean.
function classLegend(classes, names) {
  const tail = '; filled: training points, hollow: held out';
  if (classes === 2) {
    const mark = (cls, text) => Object.assign(document.createElement('span'), { className: `key-class ${cls}`, textContent: text });
    return [mark('class0', '●'), ` ${className(0, names)}, `, mark('class1', '■'), ` ${className(1, names)}${tail}`];
  }
  const items = Array.from({ length: classes }, (_, c) => {
    const item = Object.assign(document.createElement('span'), { className: 'key-item' });
    item.append(classMark(c), Object.assign(document.createElement('span'), { className: 'key-name', textContent: className(c, names) }));
    return item;
  });
  return [...items.flatMap((item, c) => (c ? [', ', item] : [item])), `; shade: the class predicted, paler where less sure${tail}`];
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

  // The run's model at step t (null: the end); preset: the run's, for
  // its classes and their names.
  draw(run, t = null, preset = null) {
    const pr = run.prediction, points = { x: run.data_x, y: run.data_y, test: run.data_test };
    const { step, grid, output } = frameAt(run, t), { classes, names } = classesOf(preset, run);
    const when = step === null ? '' : ` at step ${step}`;
    if (pr.ny > 1) {
      const g = this.plot.begin(pr.box);
      drawDecision(this.plot, g, grid, output, points, classes);
      this.plot.axes(g, ...axisNames(run, ['x1', 'x2']));
      this.els.title.textContent = `Decision map and data${when}`;
      this.els.legend.replaceChildren(...classLegend(classes, names));
    } else {
      let lo = Infinity, hi = -Infinity;
      for (const v of [...run.data_y, ...pr.output]) if (Number.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
      const pad = 0.08 * (hi - lo || 1);
      const g = this.plot.begin([pr.box[0], pr.box[1], lo - pad, hi + pad]);
      drawCurve(this.plot, g, grid, output, points);
      this.plot.axes(g, ...axisNames(run, ['x', 'y']));
      this.els.title.textContent = `Model and data${when}`;
      this.els.legend.textContent = 'line: the model; filled: training points, hollow: held out';
    }
    this.els.canvas.setAttribute('aria-label', modelAlt(run, step, { twoD: pr.ny > 1, classes, names }));
    this.els.canvas.dataset.run = run.fingerprint ?? '';
    this.drawn = run;
  }
}
