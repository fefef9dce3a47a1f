// data.mjs - the deterministic inputs shared by the benchmark's independent
// implementations (js.mjs, tfjs.mjs): two half-moons and Glorot-uniform
// weights, so both train the same model from the same start and their final
// losses can be compared. The core generates its own (PRESET.md: any
// deterministic generator will do for timing).

// mulberry32, the seeded uniform generator the LR tools use.
import { mulberry32 as rng } from '../web/tools.js';

export { rng };

// Standard normal draws by Box-Muller from a uniform generator.
function gauss(rand) {
  return () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

// scikit-learn's make_moons: the upper moon (label 0) is (cos t, sin t), the
// lower one (label 1) is (1 - cos t, 0.5 - sin t), t evenly spaced in [0, pi],
// points alternating between the two, plus Gaussian noise.
// x (n, 2) row-major, y (n) in {0, 1}.
export function moons(n, noise = 0.1, seed = 1) {
  const normal = gauss(rng(seed));
  const x = new Float32Array(2 * n);
  const y = new Float32Array(n);
  const half = Math.ceil(n / 2);
  for (let s = 0; s < n; s++) {
    const label = s & 1;
    const k = s >> 1;
    const count = label ? n - half : half;
    const t = count > 1 ? (Math.PI * k) / (count - 1) : 0;
    x[2 * s] = (label ? 1 - Math.cos(t) : Math.cos(t)) + noise * normal();
    x[2 * s + 1] = (label ? 0.5 - Math.sin(t) : Math.sin(t)) + noise * normal();
    y[s] = label;
  }
  return { x, y };
}

// Glorot-uniform weights (limit sqrt(6 / (in + out))) and zero biases for
// layer widths sizes = [in, ...hidden, out]. Each layer: w (in, out)
// row-major, b (out).
export function glorot(sizes, seed = 1) {
  const rand = rng(seed ^ 0x9e3779b9);
  const layers = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const nin = sizes[l];
    const nout = sizes[l + 1];
    const limit = Math.sqrt(6 / (nin + nout));
    const w = new Float32Array(nin * nout);
    for (let i = 0; i < w.length; i++) w[i] = (2 * rand() - 1) * limit;
    layers.push({ nin, nout, w, b: new Float32Array(nout) });
  }
  return layers;
}

// Rosenbrock's start (PRESET.md).
export const ROSENBROCK_START = [-1.5, 2];
