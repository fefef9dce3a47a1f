// decision.js - a model over its inputs: for 2-D data the class it
// predicts as a map under the points (two classes: pale blue for class 0
// through white to pale orange for class 1; more: each class's region in
// its tint, paler where the model is less sure, web/palette.js
// classShade), for 1-D data the fitted curve over them. Training points
// filled, held-out ones hollow; each class its colour and its shape.
import { CLASS_STYLES, CURRENT, OKABE_ITO, classShade } from './palette.js';

// output: a grid of nx * ny values (row-major, y rows, samples at the box's
// edges), e.g. prediction.output or one frame of it; k: the classes.
export function drawDecision(plot, g, { nx, ny }, output, points, k = 2) {
  const a = plot.area;
  const img = new ImageData(nx, ny);
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) img.data.set([...classShade(output[j * nx + i], k), 255], 4 * ((ny - 1 - j) * nx + i));
  }
  const off = new OffscreenCanvas(nx, ny);
  off.getContext('2d').putImageData(img, 0, 0);
  g.imageSmoothingEnabled = true;
  // samples sit at the box's edges: stretch by half a cell on each side
  const cw = a.w / (nx - 1), ch = a.h / (ny - 1);
  plot.clip(g);
  g.drawImage(off, a.x - cw / 2, a.y - ch / 2, a.w + cw, a.h + ch);
  drawPoints(plot, g, points, k);
  g.restore();
}

// The shapes beyond circle and square, as polygons around (0, 0) with y
// down, in pixels: similar areas, so that no class looks heavier.
const polygon = (n, r, turn = 0) => Array.from({ length: n }, (_, i) => {
  const a = turn + (2 * Math.PI * i) / n;
  return [r * Math.sin(a), -r * Math.cos(a)];
});
const PLUS = [[-1.4, -4.4], [1.4, -4.4], [1.4, -1.4], [4.4, -1.4], [4.4, 1.4], [1.4, 1.4], [1.4, 4.4], [-1.4, 4.4],
  [-1.4, 1.4], [-4.4, 1.4], [-4.4, -1.4], [-1.4, -1.4]];
const turn = (pts, a) => pts.map(([x, y]) => [x * Math.cos(a) - y * Math.sin(a), x * Math.sin(a) + y * Math.cos(a)]);
export const SHAPES = Object.freeze({
  circle: { r: 3.4 },
  square: { half: 3.1 },
  triangle: { polygon: polygon(3, 4.8).map(([x, y]) => [x, y + 0.8]) },
  diamond: { polygon: polygon(4, 4.4) },
  plus: { polygon: PLUS },
  cross: { polygon: turn(PLUS, Math.PI / 4) },
  star: { polygon: polygon(10, 1).map(([x, y], i) => [x * (i % 2 ? 2.2 : 5.2), y * (i % 2 ? 2.2 : 5.2)]) },
  'triangle-down': { polygon: polygon(3, 4.8, Math.PI).map(([x, y]) => [x, y - 0.8]) },
});

// A class's shape, centred at (x, y), as a path on g (a canvas context).
export function shapePath(g, shape, x, y) {
  const s = SHAPES[shape];
  g.beginPath();
  if (s.r) g.arc(x, y, s.r, 0, 2 * Math.PI);
  else if (s.half) g.rect(x - s.half, y - s.half, 2 * s.half, 2 * s.half);
  else {
    s.polygon.forEach(([dx, dy], i) => (i ? g.lineTo(x + dx, y + dy) : g.moveTo(x + dx, y + dy)));
    g.closePath();
  }
}

// two classes (and a curve's data): as they always were
const TWO = [{ colour: OKABE_ITO.blue, line: OKABE_ITO.blue, shape: 'circle' },
  { colour: OKABE_ITO.vermillion, line: OKABE_ITO.vermillion, shape: 'square' }];

// points: { x (n, d), y (n), test (n) }; d = 2 puts y as a class: its
// colour and its shape (two classes: class 0 a blue circle, class 1 a
// vermillion square; more: web/palette.js CLASS_STYLES), so that the
// classes do not differ by colour alone.
export function drawPoints(plot, g, { x, y, test }, k = 2) {
  const d = x.length / y.length;
  for (let i = 0; i < y.length; i++) {
    const px = plot.px(x[i * d]), py = plot.py(d === 2 ? x[i * d + 1] : y[i]);
    const c = d !== 2 ? 0 : k === 2 ? Number(y[i] > 0.5) : Math.min(k - 1, Math.max(0, Math.round(y[i])));
    const style = k === 2 || d !== 2 ? TWO[c] : CLASS_STYLES[c];
    shapePath(g, style.shape, px, py);
    g.fillStyle = test[i] ? '#ffffff' : style.colour;
    g.fill();
    g.strokeStyle = style.line;
    g.lineWidth = test[i] ? 1.8 : 1;
    g.stroke();
  }
}

// A 1-D model's output (nx values over box[0..1]) as a curve over its data.
export function drawCurve(plot, g, { nx, box }, output, points) {
  plot.clip(g);
  drawPoints(plot, g, points);
  g.beginPath();
  for (let i = 0; i < nx; i++) {
    const x = box[0] + ((box[1] - box[0]) * i) / (nx - 1);
    const p = [plot.px(x), plot.py(output[i])];
    i ? g.lineTo(...p) : g.moveTo(...p);
  }
  g.strokeStyle = CURRENT;
  g.lineWidth = 2.5;
  g.stroke();
  g.restore();
}
