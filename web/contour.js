// contour.js - the loss surface as filled contours (isolines from
// d3-contour) with the parameters' path over it: the current run's path up
// to the playback's step (the rest faint), the pins' paths, the start, the
// end or the step shown, the minima, an ✕ where a run diverged.
import { contours } from 'd3-contour';
import { CURRENT, OKABE_ITO, VIRIDIS, hex, mix } from './palette.js';
import { drawCross, FONT } from './notes.js';
import { AXIS_FONT } from './plot.js';
import { soon } from './dom.js';


// A colour at t in [0, 1] along a list of hex stops, as [r, g, b].
function ramp(stops, t) {
  const s = Math.min(Math.max(t, 0), 1) * (stops.length - 1);
  const i = Math.min(Math.floor(s), stops.length - 2);
  return mix(stops[i], stops[i + 1], s - i);
}
// viridis lightened a quarter towards white: the paths stand out on it
const shade = (t) => ramp(VIRIDIS, t).map((v) => Math.round(v + (255 - v) * 0.25));
const css = ([r, g, b], a = 1) => `rgba(${r},${g},${b},${a})`;

// Contour levels for a grid: evenly spaced in log(v - min + d), so that
// valleys many decades deep still show their shape.
function levels(values, count) {
  let lo = Infinity, hi = -Infinity;
  for (const v of values) if (Number.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  if (!(lo < hi)) return [lo];
  const d = (hi - lo) * 1e-4, a = Math.log(d), b = Math.log(hi - lo + d);
  return Array.from({ length: count }, (_, k) => lo - d + Math.exp(a + ((b - a) * k) / count));
}

// Filled contours of a grid over the plot's box. makeGrid(n) → { values,
// nx, ny } (row-major, y rows, samples at the box's edges inclusive; n is
// the resolution asked for) is called only when `key` (what the grid
// depends on) or the canvas size changed; otherwise the last rendering is
// reused. quick: a coarse grid (a fifth of the cost) for while a slider is
// dragged; a later call without quick refines it. Given redraw(), the
// refinement (a few levels a task) and the page's first rendering (quick:
// 'first': a task of its own) are built after the caller's task, so that
// none of the page's grows long, and redraw() is called once they are in
// place. Returns true while the rendering shown is
// coarse, null while there is none yet (nothing drawn). Without g, the
// rendering is only made ready (PathPanel.prepare). slice: the ms of a
// task, in place of MAX_SLICE or (quick: 'first') FIRST_SLICE; stopped() is
// called if a drawing of another picture stops the rendering under way.
export function drawContours(plot, g, key, makeGrid, { quick = false, count = 22, redraw = null, slice = null, stopped = () => {} } = {}) {
  const c = plot.canvas, full = `${key}|${c.width}x${c.height}`;
  const have = plot.layer?.key === full, n = quick ? 48 : 120;
  if (have && plot.refining && plot.refining.key !== full) plot.refining = null; // for a picture no longer shown
  if (redraw && (have ? plot.layer.coarse && !quick : quick === 'first' || plot.refining?.key === full)) {
    buildLater(plot, full, makeGrid, n, count, { redraw, stopped, most: slice ?? (quick === 'first' ? FIRST_SLICE : MAX_SLICE) });
  } else if (!have || (plot.layer.coarse && !quick)) {
    plot.refining = null; // a rendering under way is for another picture: it stops
    const layer = newLayer(plot);
    for (const _ of contourSteps(view(plot), layer.getContext('2d'), makeGrid(n), count));
    plot.layer = { key: full, canvas: layer, coarse: !!quick };
  }
  if (plot.layer?.key !== full) return null;
  if (!g) return plot.layer.coarse;
  g.save();
  g.setTransform(1, 0, 0, 1, 0, 0);
  g.drawImage(plot.layer.canvas, 0, 0);
  g.restore();
  return plot.layer.coarse;
}

// The plot's mapping as it is now (a refinement goes on after it changed).
const view = (plot) => Object.create(Object.getPrototypeOf(plot), { area: { value: plot.area }, box: { value: [...plot.box] } });

function newLayer(plot) {
  const c = plot.canvas, layer = new OffscreenCanvas(c.width, c.height);
  layer.getContext('2d').setTransform(c.width / plot.w, 0, 0, c.height / plot.h, 0, 0);
  return layer;
}

// The rendering of key `full` on an n-point grid, `most` ms of it a task
// (MAX_SLICE; the first picture's FIRST_SLICE: it is all a coarse grid
// takes, cold code included, on a 2-core machine, and every task between
// slices would delay the picture); it takes the place of the one shown,
// then redraw() (a drawing of another picture since has stopped it: see
// drawContours). One of that key under way goes on (the first picture's
// coarse one is refined after).
export const MAX_SLICE = 12;
const FIRST_SLICE = 35;
function buildLater(plot, full, makeGrid, n, count, { redraw, stopped, most }) {
  if (plot.refining?.key === full) return;
  const token = plot.refining = { key: full };
  const layer = newLayer(plot);
  const steps = contourSteps(view(plot), layer.getContext('2d'), makeGrid(n), count);
  soon(inSlices(steps, most, {
    going: () => plot.refining === token || void stopped(), // not for another picture since
    done: () => {
      plot.refining = null;
      plot.layer = { key: full, canvas: layer, coarse: n < 120 };
      redraw();
    },
  }));
}

// A task's part of a generator's steps: `most` ms of them, the rest in the
// tasks after (dom.js soon()), then done(); before each, going() says
// whether to go on.
function inSlices(steps, most, { going = () => true, done = () => {} } = {}) {
  const slice = () => {
    if (!going()) return;
    const t0 = performance.now();
    for (let r = steps.next(); !r.done; r = steps.next()) if (performance.now() - t0 > most) return void soon(slice);
    done();
  };
  return slice;
}

// Fills the contours on g, a level at a time (yielding after each).
function* contourSteps(plot, g, { values, nx, ny }, count) {
  const clean = Float64Array.from(values, (v) => (Number.isFinite(v) ? v : Number.MAX_VALUE));
  const thresholds = levels(clean, count);
  const [x0, x1, y0, y1] = plot.box;
  // d3 places sample i at grid coordinate i + 0.5.
  const gx = (u) => plot.px(x0 + ((u - 0.5) / (nx - 1)) * (x1 - x0));
  const gy = (v) => plot.py(y0 + ((v - 0.5) / (ny - 1)) * (y1 - y0));
  const shapes = contours().size([nx, ny]);
  plot.clip(g);
  for (let k = 0; k < thresholds.length; k++) {
    const shape = shapes.contour(clean, thresholds[k]);
    g.beginPath();
    for (const polygon of shape.coordinates) {
      for (const ring of polygon) {
        ring.forEach(([u, v], i) => (i ? g.lineTo(gx(u), gy(v)) : g.moveTo(gx(u), gy(v))));
        g.closePath();
      }
    }
    g.fillStyle = css(shade(k / Math.max(1, thresholds.length - 1)));
    g.fill('evenodd');
    g.strokeStyle = 'rgba(255,255,255,0.3)';
    g.lineWidth = 0.6;
    if (k) g.stroke();
    yield;
  }
  g.restore();
}

// d3-contour's first calls run cold code, several times slower than once
// compiled, and a canvas's first text loads its font: the page calls these
// two while its core loads, so that its first picture does not pay for
// them: the levels of a small bowl, a few levels a task (6 ms; in one task
// they took 15-28), and a few labels, on canvases of one pixel.
export function warmContours(n = 16, count = 22) {
  const values = Float64Array.from({ length: n * n }, (_, k) => ((k % n) - n / 3) ** 2 + 5 * (Math.floor(k / n) - n / 2) ** 2);
  const plot = { box: [0, 1, 0, 1], px: (x) => x, py: (y) => y, clip: (g) => g.save() };
  inSlices(contourSteps(plot, new OffscreenCanvas(1, 1).getContext('2d'), { values, nx: n, ny: n }, count), MAX_SLICE / 2)();
}

export function warmFonts() {
  const g = new OffscreenCanvas(1, 1).getContext('2d');
  for (const font of [AXIS_FONT, FONT]) {
    g.font = font;
    g.fillText('-0.5 1e-3 step', 0, 0);
  }
}

// The finite points of a path (x, y interleaved) in pixels, without those
// within MIN_PX of the last one kept (the last point is always kept): a
// long run's path has tens of thousands of points, most of them on top of
// each other, and a canvas rasterizes a stroke through all of them, in
// software for seconds. count: the finite points before thinning.
const MIN_PX = 0.5;
function pixels(plot, path, from = 0, to = path.length / 2) {
  const pts = [];
  let count = 0, skipped = null;
  for (let i = 2 * from; i < 2 * to; i += 2) {
    if (!Number.isFinite(path[i]) || !Number.isFinite(path[i + 1])) continue;
    count++;
    const p = [plot.px(path[i]), plot.py(path[i + 1])], last = pts[pts.length - 1];
    if (last && Math.abs(p[0] - last[0]) < MIN_PX && Math.abs(p[1] - last[1]) < MIN_PX) skipped = p;
    else {
      pts.push(p);
      skipped = null;
    }
  }
  if (skipped) pts.push(skipped);
  return { pts, count };
}

function stroke(g, pts, colour, width, dash = []) {
  g.beginPath();
  pts.forEach(([x, y], i) => (i ? g.lineTo(x, y) : g.moveTo(x, y)));
  g.setLineDash(dash);
  g.strokeStyle = colour;
  g.lineWidth = width;
  g.stroke();
  g.setLineDash([]);
}

// A path (x, y interleaved, n points) drawn solid up to point k (all when
// k is null) and faint after it; ends in a marker (a square at the end, a
// dot at point k, an ✕ when it diverged). style: { colour, dash, width,
// dots: mark each point when there are few }.
function drawRun(plot, g, path, k, diverged, { colour, dash = [], width = 2, dots = false }) {
  const n = path.length / 2, upto = k === null ? n : Math.min(n, k + 1);
  const done = pixels(plot, path, 0, upto), rest = pixels(plot, path, Math.max(0, upto - 1), n);
  g.lineJoin = 'round';
  if (rest.pts.length > 1 && upto < n) stroke(g, rest.pts, css(hex(colour), 0.35), width, dash);
  if (!done.pts.length) return;
  stroke(g, done.pts, '#ffffff', width + 2);
  stroke(g, done.pts, colour, width, dash);
  if (dots && done.count < 400) {
    g.fillStyle = colour;
    for (const [x, y] of done.pts) g.fillRect(x - 1.5, y - 1.5, 3, 3);
  }
  const last = done.pts[done.pts.length - 1];
  if (k !== null && upto < n) marker(g, last, 'dot', colour);
  else if (diverged) drawCross(g, ...last, colour);
  else marker(g, last, 'square', colour === CURRENT ? OKABE_ITO.sky : colour);
}

// The current run's path, its start (circle) and the minima (stars).
export function drawPath(plot, g, path, { minima = [], k = null, diverged = false } = {}) {
  plot.clip(g);
  for (const [mx, my] of minima) star(g, plot.px(mx), plot.py(my));
  drawRun(plot, g, path, k, diverged, { colour: CURRENT, dots: true });
  const { pts } = pixels(plot, path, 0, 1);
  if (pts.length) marker(g, pts[0], 'circle', OKABE_ITO.yellow);
  g.restore();
}

// A pinned run's path: dashed in its colour over a white casing.
export function drawTrail(plot, g, path, { colour, dash }, { k = null, diverged = false } = {}) {
  plot.clip(g);
  drawRun(plot, g, path, k, diverged, { colour, dash });
  g.restore();
}

function marker(g, [x, y], shape, fill) {
  g.beginPath();
  if (shape === 'circle') g.arc(x, y, 6, 0, 2 * Math.PI);
  else if (shape === 'dot') g.arc(x, y, 5, 0, 2 * Math.PI);
  else g.rect(x - 5.5, y - 5.5, 11, 11);
  g.fillStyle = fill;
  g.fill();
  g.strokeStyle = shape === 'dot' ? '#fff' : '#000';
  g.lineWidth = shape === 'dot' ? 2 : 1.5;
  g.stroke();
}

function star(g, x, y) {
  g.beginPath();
  for (let k = 0; k < 10; k++) {
    const r = k % 2 ? 3 : 7, a = -Math.PI / 2 + (k * Math.PI) / 5;
    g.lineTo(x + r * Math.cos(a), y + r * Math.sin(a));
  }
  g.closePath();
  g.fillStyle = '#ffffff';
  g.fill();
  g.strokeStyle = '#000';
  g.lineWidth = 1;
  g.stroke();
}
