// contour.js - the 2-D plots drawn on a plain canvas: filled contours of a
// loss grid with the parameter path over them, and a model's output as a
// heat map with its data points. Isolines come from d3-contour.
import { contours } from 'd3-contour';

// Viridis (sequential, colour-blind safe), low to high.
const VIRIDIS = ['#440154', '#482878', '#3e4989', '#31688e', '#26828e', '#1f9e89', '#35b779', '#6ece58', '#b5de2b', '#fde725'];
export const OKABE_ITO = {
  orange: '#E69F00', sky: '#56B4E9', green: '#009E73', yellow: '#F0E442',
  blue: '#0072B2', vermillion: '#D55E00', purple: '#CC79A7', black: '#000000',
};

const hex = (h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
function mix(a, b, t) {
  const [x, y] = [hex(a), hex(b)];
  return x.map((v, i) => Math.round(v + (y[i] - v) * t));
}
// A colour at t in [0, 1] along a list of hex stops, as [r, g, b].
function ramp(stops, t) {
  const s = Math.min(Math.max(t, 0), 1) * (stops.length - 1);
  const i = Math.min(Math.floor(s), stops.length - 2);
  return mix(stops[i], stops[i + 1], s - i);
}
const css = ([r, g, b], a = 1) => `rgba(${r},${g},${b},${a})`;

// The decision map's ends: pale blue (class 0) and pale orange (class 1).
const TINT0 = '#8fc3e6', TINT1 = '#f3c56b';

const MARGIN = { left: 44, right: 10, top: 10, bottom: 28 };

// A canvas with a data box [xlo, xhi, ylo, yhi] mapped to its plot area.
export class Plot {
  constructor(canvas) {
    this.canvas = canvas;
    this.box = [0, 1, 0, 1];
  }

  // Matches the backing store to the element's size; returns the context.
  begin(box) {
    const c = this.canvas, dpr = window.devicePixelRatio || 1;
    const w = c.clientWidth || 300, h = c.clientHeight || 300;
    if (c.width !== Math.round(w * dpr) || c.height !== Math.round(h * dpr)) {
      c.width = Math.round(w * dpr);
      c.height = Math.round(h * dpr);
    }
    const g = c.getContext('2d');
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.clearRect(0, 0, w, h);
    this.w = w;
    this.h = h;
    this.box = box;
    return g;
  }

  get area() {
    return { x: MARGIN.left, y: MARGIN.top, w: this.w - MARGIN.left - MARGIN.right, h: this.h - MARGIN.top - MARGIN.bottom };
  }

  px(x) { const a = this.area; return a.x + ((x - this.box[0]) / (this.box[1] - this.box[0])) * a.w; }
  py(y) { const a = this.area; return a.y + a.h - ((y - this.box[2]) / (this.box[3] - this.box[2])) * a.h; }

  // Data coordinates of a point in CSS pixels of the canvas, or null outside the plot.
  toData(cx, cy) {
    const a = this.area;
    if (cx < a.x || cx > a.x + a.w || cy < a.y || cy > a.y + a.h) return null;
    return [this.box[0] + ((cx - a.x) / a.w) * (this.box[1] - this.box[0]),
      this.box[2] + ((a.y + a.h - cy) / a.h) * (this.box[3] - this.box[2])];
  }

  clip(g) {
    const a = this.area;
    g.save();
    g.beginPath();
    g.rect(a.x, a.y, a.w, a.h);
    g.clip();
  }

  axes(g, xLabel, yLabel) {
    const a = this.area;
    g.strokeStyle = '#6b7280';
    g.lineWidth = 1;
    g.strokeRect(a.x, a.y, a.w, a.h);
    g.fillStyle = '#374151';
    g.font = '11px system-ui, sans-serif';
    g.textAlign = 'center';
    g.textBaseline = 'top';
    for (const x of ticks(this.box[0], this.box[1])) g.fillText(label(x), this.px(x), a.y + a.h + 4);
    g.textAlign = 'right';
    g.textBaseline = 'middle';
    for (const y of ticks(this.box[2], this.box[3])) g.fillText(label(y), a.x - 4, this.py(y));
    g.textAlign = 'right';
    g.textBaseline = 'bottom';
    g.fillText(xLabel, a.x + a.w, this.h - 1);
    g.save();
    g.translate(10, a.y);
    g.rotate(-Math.PI / 2);
    g.textAlign = 'right';
    g.textBaseline = 'middle';
    g.fillText(yLabel, 0, 0);
    g.restore();
  }
}

function ticks(lo, hi, n = 5) {
  const step0 = (hi - lo) / n, mag = 10 ** Math.floor(Math.log10(step0));
  const step = [1, 2, 5, 10].map((k) => k * mag).find((s) => s >= step0) ?? step0;
  const out = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9 * step; v += step) out.push(Math.abs(v) < 1e-12 * step ? 0 : v);
  return out;
}
const label = (x) => String(Number(x.toPrecision(3)));

// Contour levels for a grid: evenly spaced in log(v - min + d), so that
// valleys many decades deep still show their shape.
function levels(values, count) {
  let lo = Infinity, hi = -Infinity;
  for (const v of values) if (Number.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  if (!(lo < hi)) return { lo, thresholds: [lo] };
  const d = (hi - lo) * 1e-4, a = Math.log(d), b = Math.log(hi - lo + d);
  const thresholds = Array.from({ length: count }, (_, k) => lo - d + Math.exp(a + ((b - a) * k) / count));
  return { lo, thresholds };
}

// Filled contours of a grid over the plot's box. makeGrid(n) → { values,
// nx, ny } (row-major, y rows, samples at the box's edges inclusive; n is
// the resolution asked for) is called only when `key` (what the grid
// depends on) or the canvas size changed; otherwise the last rendering is
// reused. quick: a coarse grid (a third of the cost) for while a slider is
// dragged; a later call without quick refines it. Returns true when the
// rendering is coarse.
export function drawContours(plot, g, key, makeGrid, { quick = false, count = 22 } = {}) {
  const c = plot.canvas, full = `${key}|${c.width}x${c.height}`;
  if (plot.layer?.key !== full || (plot.layer.coarse && !quick)) {
    const layer = new OffscreenCanvas(c.width, c.height);
    const lg = layer.getContext('2d');
    lg.setTransform(c.width / plot.w, 0, 0, c.height / plot.h, 0, 0);
    renderContours(plot, lg, makeGrid(quick ? 64 : 120), count);
    plot.layer = { key: full, canvas: layer, coarse: quick };
  }
  g.save();
  g.setTransform(1, 0, 0, 1, 0, 0);
  g.drawImage(plot.layer.canvas, 0, 0);
  g.restore();
  return plot.layer.coarse;
}

function renderContours(plot, g, { values, nx, ny }, count) {
  const clean = Float64Array.from(values, (v) => (Number.isFinite(v) ? v : Number.MAX_VALUE));
  const { thresholds } = levels(clean, count);
  const [x0, x1, y0, y1] = plot.box;
  // d3 places sample i at grid coordinate i + 0.5.
  const gx = (u) => plot.px(x0 + ((u - 0.5) / (nx - 1)) * (x1 - x0));
  const gy = (v) => plot.py(y0 + ((v - 0.5) / (ny - 1)) * (y1 - y0));
  const shapes = contours().size([nx, ny]).thresholds(thresholds)(clean);
  plot.clip(g);
  shapes.forEach((shape, k) => {
    const colour = ramp(VIRIDIS, k / Math.max(1, shapes.length - 1));
    g.beginPath();
    for (const polygon of shape.coordinates) {
      for (const ring of polygon) {
        ring.forEach(([u, v], i) => (i ? g.lineTo(gx(u), gy(v)) : g.moveTo(gx(u), gy(v))));
        g.closePath();
      }
    }
    g.fillStyle = css(colour);
    g.fill('evenodd');
    g.strokeStyle = 'rgba(255,255,255,0.25)';
    g.lineWidth = 0.6;
    if (k) g.stroke();
  });
  g.restore();
}

// The finite points of a path (x, y interleaved) in pixels, without those
// within MIN_PX of the last one kept (the last point is always kept): a
// long run's path has tens of thousands of points, most of them on top of
// each other, and a canvas rasterizes a stroke through all of them, in
// software for seconds. count: the finite points before thinning.
const MIN_PX = 0.5;
function pixels(plot, path) {
  const pts = [];
  let count = 0, skipped = null;
  for (let i = 0; i < path.length; i += 2) {
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

// The path (x, y interleaved) with its start (circle) and end (square).
export function drawPath(plot, g, path, minima = []) {
  plot.clip(g);
  for (const [mx, my] of minima) star(g, plot.px(mx), plot.py(my));
  const { pts, count } = pixels(plot, path);
  if (pts.length) {
    g.lineJoin = 'round';
    for (const [colour, width] of [['#ffffff', 4], [OKABE_ITO.vermillion, 2]]) {
      g.beginPath();
      pts.forEach(([x, y], i) => (i ? g.lineTo(x, y) : g.moveTo(x, y)));
      g.strokeStyle = colour;
      g.lineWidth = width;
      g.stroke();
    }
    if (count < 400) {
      g.fillStyle = OKABE_ITO.vermillion;
      for (const [x, y] of pts) g.fillRect(x - 1.5, y - 1.5, 3, 3);
    }
    marker(g, pts[0], 'circle', OKABE_ITO.yellow);
    marker(g, pts[pts.length - 1], 'square', OKABE_ITO.sky);
  }
  g.restore();
}

// A pinned run's path: a dashed line in its colour over a white casing,
// with a small square at its end.
export function drawTrail(plot, g, path, colour, dash) {
  const { pts } = pixels(plot, path);
  if (!pts.length) return;
  plot.clip(g);
  g.lineJoin = 'round';
  for (const [c, width, d] of [['#ffffff', 3.5, []], [colour, 2, dash]]) {
    g.beginPath();
    pts.forEach(([x, y], i) => (i ? g.lineTo(x, y) : g.moveTo(x, y)));
    g.setLineDash(d);
    g.strokeStyle = c;
    g.lineWidth = width;
    g.stroke();
  }
  g.setLineDash([]);
  const [x, y] = pts[pts.length - 1];
  g.fillStyle = colour;
  g.strokeStyle = '#ffffff';
  g.lineWidth = 1.5;
  g.fillRect(x - 4, y - 4, 8, 8);
  g.strokeRect(x - 4, y - 4, 8, 8);
  g.restore();
}

function marker(g, [x, y], shape, fill) {
  g.beginPath();
  if (shape === 'circle') g.arc(x, y, 6, 0, 2 * Math.PI);
  else g.rect(x - 5.5, y - 5.5, 11, 11);
  g.fillStyle = fill;
  g.fill();
  g.strokeStyle = '#000';
  g.lineWidth = 1.5;
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

// A model's output over 2-D inputs (probabilities) as a heat map, blue for
// class 0 through white to orange for class 1, with the points: training
// points filled, held-out ones hollow.
export function drawDecision(plot, g, { output, nx, ny }, points) {
  const a = plot.area;
  const img = new ImageData(nx, ny);
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const p = output[j * nx + i];
      // pale tints, so that the points stay visible on top
      const c = p < 0.5 ? mix(TINT0, '#ffffff', Math.max(0, p) * 2) : mix('#ffffff', TINT1, Math.min(1, p) * 2 - 1);
      const o = 4 * ((ny - 1 - j) * nx + i);
      img.data.set([...c, 255], o);
    }
  }
  const off = new OffscreenCanvas(nx, ny);
  off.getContext('2d').putImageData(img, 0, 0);
  g.imageSmoothingEnabled = true;
  // samples sit at the box's edges: stretch by half a cell on each side
  const cw = a.w / (nx - 1), ch = a.h / (ny - 1);
  plot.clip(g);
  g.drawImage(off, a.x - cw / 2, a.y - ch / 2, a.w + cw, a.h + ch);
  drawPoints(plot, g, points);
  g.restore();
}

// points: { x (n, d), y (n), test (n) }; d = 2 puts y as a class colour.
export function drawPoints(plot, g, { x, y, test }) {
  const d = x.length / y.length;
  for (let i = 0; i < y.length; i++) {
    const px = plot.px(x[i * d]), py = plot.py(d === 2 ? x[i * d + 1] : y[i]);
    const colour = d === 2 && y[i] > 0.5 ? OKABE_ITO.vermillion : OKABE_ITO.blue;
    g.beginPath();
    g.arc(px, py, 3.4, 0, 2 * Math.PI);
    g.fillStyle = test[i] ? '#ffffff' : colour;
    g.fill();
    g.strokeStyle = colour;
    g.lineWidth = test[i] ? 1.8 : 1;
    g.stroke();
  }
}

// A 1-D model's output as a curve over its data points.
export function drawCurve(plot, g, { output, nx, box }, points) {
  plot.clip(g);
  drawPoints(plot, g, points);
  g.beginPath();
  for (let i = 0; i < nx; i++) {
    const x = box[0] + ((box[1] - box[0]) * i) / (nx - 1);
    const p = [plot.px(x), plot.py(output[i])];
    i ? g.lineTo(...p) : g.moveTo(...p);
  }
  g.strokeStyle = OKABE_ITO.vermillion;
  g.lineWidth = 2.5;
  g.stroke();
  g.restore();
}
