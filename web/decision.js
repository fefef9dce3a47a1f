// decision.js - a model over its inputs: for 2-D data the probability of
// class 1 as a heat map (pale blue for class 0 through white to pale
// orange for class 1) under the points, for 1-D data the fitted curve over
// them. Training points filled, held-out ones hollow.
import { CURRENT, OKABE_ITO, mix } from './palette.js';

const TINT0 = '#8fc3e6', TINT1 = '#f3c56b';

// output: a grid of nx * ny values (row-major, y rows, samples at the box's
// edges), e.g. prediction.output or one frame of it.
export function drawDecision(plot, g, { nx, ny }, output, points) {
  const a = plot.area;
  const img = new ImageData(nx, ny);
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const p = output[j * nx + i];
      // pale tints, so that the points stay visible on top
      const c = p < 0.5 ? mix(TINT0, '#ffffff', Math.max(0, p) * 2) : mix('#ffffff', TINT1, Math.min(1, p) * 2 - 1);
      img.data.set([...c, 255], 4 * ((ny - 1 - j) * nx + i));
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

// points: { x (n, d), y (n), test (n) }; d = 2 puts y as a class: its
// colour and its shape (class 0 a circle, class 1 a square), so that the
// classes do not differ by colour alone.
export function drawPoints(plot, g, { x, y, test }) {
  const d = x.length / y.length;
  for (let i = 0; i < y.length; i++) {
    const px = plot.px(x[i * d]), py = plot.py(d === 2 ? x[i * d + 1] : y[i]);
    const one = d === 2 && y[i] > 0.5, colour = one ? OKABE_ITO.vermillion : OKABE_ITO.blue;
    g.beginPath();
    if (one) g.rect(px - 3.1, py - 3.1, 6.2, 6.2);
    else g.arc(px, py, 3.4, 0, 2 * Math.PI);
    g.fillStyle = test[i] ? '#ffffff' : colour;
    g.fill();
    g.strokeStyle = colour;
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
