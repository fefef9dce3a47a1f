// path-panel.js - the path of the parameters over the loss: for a surface
// the (x, y) plane itself, with its minima, the pins' paths and a click to
// start from there; for a data problem the plane of the path's two main
// directions (its landscape computed at the end of the run). At the
// playback's step t the path is drawn up to t. Notes (a lesson's, or where
// a run left the plot) are drawn on it.
import { SURFACES } from './preset.js';
import { f32 } from './export.js';
import { Plot } from './plot.js';
import { drawContours, drawPath, drawTrail, MAX_SLICE } from './contour.js';
import { short } from './ticks.js';
import { atOrBefore, brief } from './story.js';

// Minima of the surfaces (PRESET.md), marked on the contour plot.
const MINIMA = {
  quadratic: [[0, 0]], rosenbrock: [[1, 1]], beale: [[3, 0.5]],
  himmelblau: [[3, 2], [-2.805118, 3.131312], [-3.779310, -3.283186], [3.584428, -1.848126]],
  saddle: [[0, 1], [0, -1]], wells: [[-1.0356, 0], [0.9598, 0]],
};
const isSurface = (p) => SURFACES.includes(p.problem);

// The index of the last path point at or before step t (path_step is
// increasing); null t: the last point.
export function pathIndex(run, t) {
  const steps = run.path_step;
  return t === null || !steps.length ? steps.length - 1 : Math.max(0, atOrBefore(steps, t));
}

// Surfaces: a box around the start, the minima and the part of each path
// whose loss stays within 10x the start's (a diverging tail would
// otherwise shrink everything else to a dot); kept while it still holds
// everything and is not much too large, so that a drag keeps the contours.
function surfaceBox(p, runs, last) {
  const lo = [Infinity, Infinity], hi = [-Infinity, -Infinity];
  const add = (x, y) => {
    [lo[0], hi[0], lo[1], hi[1]] = [Math.min(lo[0], x), Math.max(hi[0], x), Math.min(lo[1], y), Math.max(hi[1], y)];
  };
  for (const [x, y] of [[p.x0, p.y0], ...MINIMA[p.problem]]) add(x, y);
  for (const run of runs) {
    const limit = 10 * Math.max(Math.abs(run.loss[0]), 1);
    for (let t = 0; t < run.loss.length; t++) {
      if (Math.abs(run.loss[t]) <= limit) add(run.path[2 * t], run.path[2 * t + 1]);
    }
  }
  const box = [];
  for (const k of [0, 1]) {
    const span = Math.max(hi[k] - lo[k], 1), q = 10 ** Math.floor(Math.log10(span)) / 4;
    box.push(Math.floor((lo[k] - 0.06 * span) / q) * q, Math.ceil((hi[k] + 0.06 * span) / q) * q);
  }
  const keep = last && [0, 1].every((k) => last[2 * k] <= lo[k] && last[2 * k + 1] >= hi[k] &&
    last[2 * k + 1] - last[2 * k] <= 1.5 * (box[2 * k + 1] - box[2 * k]));
  return keep ? last : box;
}

// The step after which a diverging path leaves the box, or null.
function leaves(plot, run) {
  if (run.diverged_at === null) return null;
  for (let i = 0; i < run.path.length / 2; i++) {
    if (!plot.inside(run.path[2 * i], run.path[2 * i + 1])) return i > 0 ? i - 1 : null;
  }
  return null;
}

// The plot's text alternative (its canvas's label): where the path starts
// and ends, or stops at the step shown (path index k), and where it
// diverged; out: the step after which it leaves the plot, or null.
function pathAlt(p, run, labels, k, out) {
  const n = run.path_step.length - 1, i = k ?? n, steps = run.loss.length - 1;
  const at = (j) => (isSurface(p) ? `(${brief(run.path[2 * j])}, ${brief(run.path[2 * j + 1])})` : `loss ${brief(run.loss[run.path_step[j]])}`);
  const head = isSurface(p) ? 'Path of the parameters over the contours of the loss'
    : `Path of the weights over the training loss, in the ${labels[0] === 'weight' ? '(weight, bias) plane' : 'plane of their two main directions'}`;
  const shown = i < n ? `, shown up to step ${run.path_step[i]}, at ${at(i)}` : '';
  const end = run.diverged_at !== null ? `; it diverged at step ${run.diverged_at}${out === null ? '' : `, off the plot after step ${out}`}`
    : ` to ${at(n)} in ${steps} step${steps === 1 ? '' : 's'}`;
  const minima = isSurface(p) ? ` Minimum at ${MINIMA[p.problem].map(([x, y]) => `(${brief(x)}, ${brief(y)})`).join(', ')}.` : '';
  return `${head}: from ${at(0)}${end}${shown}.${minima}`;
}

export class PathPanel {
  // core for the surfaces' grids; onStart() → what to call with (x0, y0)
  // when a surface plot is clicked, null where the run may not change (an
  // embedded figure).
  constructor({ core, onStart }) {
    this.onStart = onStart;
    const $ = (id) => document.getElementById(id);
    const els = { canvas: $('path-plot'), title: $('path-title'), legend: $('path-legend'), hint: $('path-hint'), readout: $('path-readout') };
    this.els = els;
    this.core = core;
    this.plot = new Plot(els.canvas);
    this.view = null;
    this.last = null; // what draw() last drew: its arguments ({ preset, run, trails, ... })
    this.fresh = true; // no contours drawn yet
    this.whenDrawn = this.settled = null; // while the contours drawn last are still to come
    els.canvas.addEventListener('click', (ev) => this.click(ev));
    els.canvas.addEventListener('mousemove', (ev) => this.readout(ev));
  }

  // Nothing of an earlier run: an empty plot and the words for the kind of
  // problem coming.
  // wait: what the empty plot says (a data run's path comes at its end);
  // its legend names nothing, since nothing is drawn.
  clear(preset, wait = '') {
    this.plot.clear(wait);
    this.plot.refining = null; // its layer stays: drawn again only for its own key
    this.settle(false);
    this.view = null;
    this.last = null;
    this.els.canvas.dataset.run = '';
    this.els.canvas.setAttribute('aria-label', isSurface(preset) ? 'Path of the parameters over the contours of the loss: none yet' : `Path of the weights over the loss: ${wait || 'none yet'}`);
    this.label(preset);
    this.legendKey = null;
    this.els.legend.replaceChildren();
    this.els.hint.textContent = '';
    this.els.readout.textContent = '\u00a0';
  }

  // The title and the legend: what is drawn (at a step, a dot there
  // rather than the end's square; the minima only on a surface).
  // end: how the whole path ends, when no step is shown: 'end' (a square),
  // 'diverged' (an ✕), or null (it left the plot, whose note says where)
  label(p, atStep = false, end = 'end') {
    const surface = isSurface(p), key = `${surface} ${atStep} ${end}`;
    this.els.title.textContent = surface ? 'Path over the loss surface' : 'Path of the weights over the loss';
    if (this.legendKey === key) return;
    this.legendKey = key;
    const mark = (cls, text = '') => Object.assign(document.createElement('span'), { className: `key ${cls}`, textContent: text });
    const last = atStep ? [mark('now'), 'the step shown '] : { end: [mark('end'), 'end '], diverged: [mark('cross', '✕'), 'diverged '] }[end] ?? [];
    this.els.legend.replaceChildren(mark('start'), 'start ', ...last);
    if (surface) this.els.legend.append(mark('min', '★'), 'minimum');
  }

  // preset and its run; trails: pins [{ run, style }] on the same plane;
  // k: the path index the playback shows (null: all); notes: [{ x, y,
  // text, colour }]; quick: coarse contours (a drag). The panel's first
  // contours, unless made ready before (prepare), are built after this
  // task, in one of their own (d3-contour's code is cold then, several
  // times slower): that picture comes a moment later, all at once (see
  // drawn()).
  draw(args) {
    const { preset: p, run, trails = [], t = null } = args, quick = this.fresh ? 'first' : args.quick;
    const view = isSurface(p) ? this.surfaceView(p, run, trails) : this.dataView(p, run);
    this.view = view;
    this.last = args;
    const g = this.plot.begin(view.box, { known: !!quick });
    // contours built in tasks of their own: then the picture shown by then
    const redraw = () => this.last && this.draw(this.last);
    const coarse = drawContours(this.plot, g, view.key, view.grid, { quick, redraw });
    const out = leaves(this.plot, run);
    if (coarse !== null) this.paint(g, view, args, out);
    this.settle(coarse === null);
    this.fresh &&= coarse === null;
    this.els.canvas.dataset.run = run.fingerprint ?? '';
    this.els.canvas.dataset.contours = coarse === null ? 'none' : coarse ? 'coarse' : 'fine'; // for the tests
    this.els.canvas.setAttribute('aria-label', pathAlt(p, run, view.labels, t === null ? null : pathIndex(run, t), out));
    this.label(p, t !== null && pathIndex(run, t) < run.path_step.length - 1, run.diverged_at === null ? 'end' : out === null ? 'diverged' : null);
    this.els.hint.textContent = isSurface(p) ? (this.onStart() ? 'Click the plot to start from there.' : '')
      : view.labels[0] === 'weight' ? 'The path in the (weight, bias) plane; the surface is the training loss there.'
        : 'The path in the plane of its two main directions; the surface is the training loss there.';
    return coarse;
  }

  // A surface's coarse contours for this run, made ready, not drawn: the
  // page's first picture (its run's task then only draws). They are built
  // a few levels a task (MAX_SLICE ms: in one, 20-35 ms); resolves once
  // they are ready, or once a drawing of another picture stopped them.
  prepare(p, run) {
    const view = this.surfaceView(p, run, []);
    this.plot.begin(view.box, { known: true });
    return new Promise((done) => {
      const ready = drawContours(this.plot, null, view.key, view.grid, { quick: 'first', slice: MAX_SLICE, redraw: done, stopped: done });
      if (ready !== null) done(); // there already
    });
  }

  // The pins' paths, this run's, the axes and the notes (out: where a
  // diverging path leaves the plot).
  paint(g, view, { run, trails = [], t = null, notes = [] }, out) {
    for (const tr of trails) drawTrail(this.plot, g, tr.run.path, tr.style, { k: t === null ? null : pathIndex(tr.run, t), diverged: tr.run.diverged_at !== null });
    drawPath(this.plot, g, run.path, { minima: view.minima, k: t === null ? null : pathIndex(run, t), diverged: run.diverged_at !== null });
    this.plot.axes(g, ...view.labels);
    const marks = out === null ? notes : [...notes, { x: run.path[2 * out], y: run.path[2 * out + 1], text: `diverging: off the plot after step ${out}` }];
    for (const n of marks) this.plot.note(g, n.x, n.y, n.text, n.colour);
  }

  // Resolves once the picture is on the canvas: at once, or when the page's
  // first is (a few tasks after its draw()), or when the plot is cleared.
  drawn() {
    return this.whenDrawn ?? Promise.resolve();
  }

  settle(pending) {
    if (pending) this.whenDrawn ??= new Promise((done) => { this.settled = done; });
    else {
      this.settled?.();
      this.whenDrawn = this.settled = null;
    }
  }

  surfaceView(p, run, trails) {
    const key = `${p.problem} ${p.cond}`;
    const last = this.view?.surface === key ? this.view.box : null;
    const box = surfaceBox(p, [run, ...trails.map((t) => t.run)], last);
    const grid = (n) => ({ values: this.core.surfaceGrid(p.problem, p.cond, box.slice(0, 2), box.slice(2), n, n), nx: n, ny: n });
    return { box, surface: key, key: `${key} ${box}`, grid, minima: MINIMA[p.problem], labels: ['x', 'y'] };
  }

  dataView(p, run) {
    const { box, nx, ny, loss } = run.landscape;
    const oneD = run.n_params === 2 && p.problem === 'linreg';
    return { box, key: `${run.fingerprint} ${box}`, grid: () => ({ values: loss, nx, ny }), minima: [],
      labels: oneD ? ['weight', 'bias'] : ['direction 1', 'direction 2'] };
  }

  // Where the pointer is: the nearest path point, else the loss there (surfaces).
  readout(ev) {
    const run = this.last?.run, out = this.els.readout;
    if (!this.view || !run) return;
    const r = this.plot.canvas.getBoundingClientRect();
    const cx = ev.clientX - r.left, cy = ev.clientY - r.top;
    const at = this.plot.toData(cx, cy);
    if (!at) { out.textContent = '\u00a0'; return; }
    let best = -1, bestD = 64;
    for (let i = 0; i < run.path.length / 2; i++) {
      const d = (this.plot.px(run.path[2 * i]) - cx) ** 2 + (this.plot.py(run.path[2 * i + 1]) - cy) ** 2;
      if (d < bestD) { best = i; bestD = d; }
    }
    const p = this.last.preset;
    if (best >= 0) {
      const t = run.path_step[best];
      out.textContent = `step ${t}: (${f32(run.path[2 * best])}, ${f32(run.path[2 * best + 1])}), loss ${f32(run.loss[t]) ?? 'not finite'}`;
    } else if (isSurface(p)) {
      const [loss] = this.core.surfaceGrid(p.problem, p.cond, [at[0], at[0]], [at[1], at[1]], 2, 2);
      out.textContent = `(${short(at[0])}, ${short(at[1])}): loss ${f32(loss) ?? 'not finite'}`;
    } else out.textContent = `(${short(at[0])}, ${short(at[1])})`;
  }

  click(ev) {
    const onStart = this.onStart();
    if (!onStart || !this.last || !isSurface(this.last.preset)) return;
    const r = this.plot.canvas.getBoundingClientRect();
    const at = this.plot.toData(ev.clientX - r.left, ev.clientY - r.top);
    if (!at) return;
    const q = 10 ** Math.floor(Math.log10((this.view.box[1] - this.view.box[0]) / 500));
    const round = (x) => Number((Math.round(x / q) * q).toPrecision(6));
    onStart(round(at[0]), round(at[1]));
  }
}
