// plot.js - a canvas with a data box [xlo, xhi, ylo, yhi] mapped to its
// plot area, its axes and ticks (numbers without float noise), and notes
// drawn in data units. The contour and decision plots draw on it.
import { short } from './ticks.js';
import { drawNote } from './notes.js';

const MARGIN = { left: 44, right: 10, top: 10, bottom: 28 };
// the page's font at the size of the loss and rate charts' text (Chart.js's
// 12px, in the page's font: web/chart.js): each font the page draws with is
// one more for Chromium to look up
export const AXIS_FONT = '12px system-ui, sans-serif';

// A canvas's backing store matched to w x h CSS pixels at the screen's
// density; returns its context, cleared, drawing in CSS pixels.
export function fitCanvas(c, w, h) {
  const dpr = window.devicePixelRatio || 1;
  if (c.width !== Math.round(w * dpr) || c.height !== Math.round(h * dpr)) {
    c.width = Math.round(w * dpr);
    c.height = Math.round(h * dpr);
  }
  const g = c.getContext('2d');
  g.setTransform(dpr, 0, 0, dpr, 0, 0);
  g.clearRect(0, 0, w, h);
  return g;
}

export class Plot {
  constructor(canvas) {
    this.canvas = canvas;
    this.box = [0, 1, 0, 1];
    this.notes = [];
    // the canvas's size in CSS pixels as the last layout left it (a
    // ResizeObserver's callback comes after each layout that changed it)
    this.size = null;
    if (canvas) new ResizeObserver(() => { this.size = [canvas.clientWidth || 300, canvas.clientHeight || 300]; }).observe(canvas);
  }

  // Matches the backing store to the element's size; returns the context.
  // known: the size the last layout gave it, not the element's own (a drag,
  // or the page's first picture: read after the controls changed, it would
  // cost a layout).
  begin(box, { known = false } = {}) {
    const c = this.canvas;
    const [w, h] = known && this.size ? this.size : [c.clientWidth || 300, c.clientHeight || 300];
    const g = fitCanvas(c, w, h);
    this.w = w;
    this.h = h;
    this.box = box;
    this.notes = [];
    delete c.parentElement.dataset.wait;
    return g;
  }

  // Empties the canvas: nothing of an earlier run stays; `wait`, when
  // given, is said in the empty plot (what comes, and when).
  clear(wait = '') {
    const box = this.canvas.parentElement;
    if (wait) box.dataset.wait = wait;
    else delete box.dataset.wait;
    const g = this.canvas.getContext('2d');
    g.setTransform(1, 0, 0, 1, 0, 0);
    g.clearRect(0, 0, this.canvas.width, this.canvas.height);
    this.notes = [];
  }

  get area() {
    return { x: MARGIN.left, y: MARGIN.top, w: this.w - MARGIN.left - MARGIN.right, h: this.h - MARGIN.top - MARGIN.bottom };
  }

  px(x) { const a = this.area; return a.x + ((x - this.box[0]) / (this.box[1] - this.box[0])) * a.w; }
  py(y) { const a = this.area; return a.y + a.h - ((y - this.box[2]) / (this.box[3] - this.box[2])) * a.h; }

  inside(x, y) {
    return x >= this.box[0] && x <= this.box[1] && y >= this.box[2] && y <= this.box[3];
  }

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

  // A note at (x, y) in data units (clamped into the plot), remembered in
  // this.notes as drawn, in CSS pixels.
  note(g, x, y, text, colour) {
    const a = this.area, cx = Math.min(a.x + a.w, Math.max(a.x, this.px(x))), cy = Math.min(a.y + a.h, Math.max(a.y, this.py(y)));
    const box = drawNote(g, { left: a.x, right: a.x + a.w, top: a.y, bottom: a.y + a.h }, cx, cy, text, colour, this.notes);
    this.notes[this.notes.length - 1] = { text, ...box };
  }

  axes(g, xLabel, yLabel) {
    const a = this.area;
    g.strokeStyle = '#6b7280';
    g.lineWidth = 1;
    g.strokeRect(a.x, a.y, a.w, a.h);
    g.fillStyle = '#374151';
    g.font = AXIS_FONT;
    g.textAlign = 'center';
    g.textBaseline = 'top';
    for (const x of ticks(this.box[0], this.box[1])) g.fillText(short(x), this.px(x), a.y + a.h + 4);
    g.textAlign = 'right';
    g.textBaseline = 'middle';
    for (const y of ticks(this.box[2], this.box[3])) g.fillText(short(y), a.x - 4, this.py(y));
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

// About n round values (1, 2 or 5 times a power of ten apart) in [lo, hi].
export function ticks(lo, hi, n = 5) {
  const step0 = (hi - lo) / n, mag = 10 ** Math.floor(Math.log10(step0));
  const step = [1, 2, 5, 10].map((k) => k * mag).find((s) => s >= step0) ?? step0;
  const out = [];
  for (let k = Math.ceil(lo / step); k * step <= hi + 1e-9 * step; k++) out.push(k === 0 ? 0 : k * step);
  return out;
}
