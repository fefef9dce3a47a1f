// js.mjs - the benchmark's plain JavaScript baseline, written the way
// hand-made browser playgrounds train small models: Float32Array buffers,
// straightforward loops, Math.tanh and Math.exp, Adam as one flat loop.
// Arithmetic happens in JS doubles and is stored to float32 buffers.
import { glorot, moons, ROSENBROCK_START } from './data.mjs';

// Adam with PyTorch's semantics (torch.optim.Adam, bias correction on):
// m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2;
// p -= lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps), t 1-based.
// reference: https://pytorch.org/docs/stable/generated/torch.optim.Adam.html
export function adam(p, g, m, v, t, lr, b1 = 0.9, b2 = 0.999, eps = 1e-8) {
  const step = lr / (1 - b1 ** t);
  const bc2 = Math.sqrt(1 - b2 ** t);
  for (let i = 0; i < p.length; i++) {
    m[i] = b1 * m[i] + (1 - b1) * g[i];
    v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
    p[i] -= (step * m[i]) / (Math.sqrt(v[i]) / bc2 + eps);
  }
}

// An MLP 2 -> hidden... -> 1 with all parameters in one block p and their
// gradients in dp, each layer a view {w (out, in), b (out), dw, db}: a
// neuron's incoming weights are contiguous.
function mlp(sizes, seed) {
  const init = glorot(sizes, seed);
  const count = init.reduce((s, l) => s + l.w.length + l.b.length, 0);
  const p = new Float32Array(count);
  const dp = new Float32Array(count);
  let off = 0;
  const layers = init.map(({ nin, nout, w, b }) => {
    const view = (len) => [p.subarray(off, off + len), dp.subarray(off, (off += len))];
    const [lw, dw] = view(w.length);
    const [lb, db] = view(b.length);
    for (let i = 0; i < nin; i++) for (let j = 0; j < nout; j++) lw[j * nin + i] = w[i * nout + j];
    lb.set(b);
    return { nin, nout, w: lw, b: lb, dw, db };
  });
  return { p, dp, layers };
}

// acts[l + 1] (n, out) = tanh(acts[l] w^T + b), the last layer left linear
// (the logits). Returns the mean binary cross-entropy against y (n),
// computed from the logits z as max(z, 0) - z y + log(1 + exp(-|z|)).
function forward(layers, acts, y, n) {
  const last = layers.length - 1;
  layers.forEach(({ nin, nout, w, b }, l) => {
    const a = acts[l];
    const z = acts[l + 1];
    for (let s = 0; s < n; s++) {
      for (let j = 0; j < nout; j++) {
        let sum = b[j];
        for (let i = 0; i < nin; i++) sum += w[j * nin + i] * a[s * nin + i];
        z[s * nout + j] = l === last ? sum : Math.tanh(sum);
      }
    }
  });
  const z = acts[last + 1];
  let loss = 0;
  for (let s = 0; s < n; s++) {
    loss += Math.max(z[s], 0) - z[s] * y[s] + Math.log1p(Math.exp(-Math.abs(z[s])));
  }
  return loss / n;
}

// Gradients of the mean loss into every layer's dw, db; deltas[l] (n, width
// of acts[l]) is scratch for dloss/d(pre-activation).
function backward(layers, acts, deltas, y, n) {
  const last = layers.length - 1;
  const z = acts[last + 1];
  const dz = deltas[last + 1];
  for (let s = 0; s < n; s++) dz[s] = (1 / (1 + Math.exp(-z[s])) - y[s]) / n;
  for (let l = last; l >= 0; l--) {
    const { nin, nout, w, dw, db } = layers[l];
    const a = acts[l];
    const d = deltas[l + 1];
    dw.fill(0);
    db.fill(0);
    for (let s = 0; s < n; s++) {
      for (let j = 0; j < nout; j++) {
        const dj = d[s * nout + j];
        for (let i = 0; i < nin; i++) dw[j * nin + i] += dj * a[s * nin + i];
        db[j] += dj;
      }
    }
    if (l === 0) break;
    const dprev = deltas[l];
    dprev.fill(0);
    for (let s = 0; s < n; s++) {
      for (let j = 0; j < nout; j++) {
        const dj = d[s * nout + j];
        for (let i = 0; i < nin; i++) dprev[s * nin + i] += w[j * nin + i] * dj;
      }
      for (let i = 0; i < nin; i++) {
        const ai = a[s * nin + i];
        dprev[s * nin + i] *= 1 - ai * ai; // tanh' = 1 - tanh^2
      }
    }
  }
}

// W1: full-batch training of 2 -> hidden -> 1 (tanh) on n half-moon points
// with Adam. Returns the final loss (after the last update).
export function w1({ n = 256, hidden = [16, 16], steps = 500, lr = 0.01, noise = 0.1, seed = 1 } = {}) {
  const { x, y } = moons(n, noise, seed);
  const sizes = [2, ...hidden, 1];
  const { p, dp, layers } = mlp(sizes, seed);
  const acts = sizes.map((width, l) => (l === 0 ? x : new Float32Array(n * width)));
  const deltas = sizes.map((width) => new Float32Array(n * width));
  const m = new Float32Array(p.length);
  const v = new Float32Array(p.length);
  for (let t = 0; t < steps; t++) {
    forward(layers, acts, y, n);
    backward(layers, acts, deltas, y, n);
    adam(p, dp, m, v, t + 1, lr);
  }
  return forward(layers, acts, y, n);
}

// W2: Adam on Rosenbrock f = (1 - x)^2 + 100 (y - x^2)^2. loss (steps + 1)
// and path (steps + 1, 2) hold the values before each update and the final
// ones.
export function w2({ steps = 10000, lr = 0.01, start = ROSENBROCK_START } = {}) {
  const loss = new Float32Array(steps + 1);
  const path = new Float32Array(2 * (steps + 1));
  const p = Float32Array.from(start);
  const g = new Float32Array(2);
  const m = new Float32Array(2);
  const v = new Float32Array(2);
  for (let t = 0; ; t++) {
    const x = p[0];
    const a = 1 - x;
    const b = p[1] - x * x;
    loss[t] = a * a + 100 * b * b;
    path[2 * t] = x;
    path[2 * t + 1] = p[1];
    if (t === steps) break;
    g[0] = -2 * a - 400 * x * b;
    g[1] = 200 * b;
    adam(p, g, m, v, t + 1, lr);
  }
  return { loss, path };
}
