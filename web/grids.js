// grids.js - a finished data run's pictures from its Job (web/core.js): the
// loss over the plane of its path (the landscape), the model over its
// inputs (the prediction) and that model along the run (the playback's
// frames), as steps: gridSteps(job) is a generator that yields after each
// row of the landscape and each frame, so that a host on the page's main
// thread (web/host.js, where no worker may start) can pause between them;
// through() runs one to its end at once. Pieces computed apart give the
// same bits as whole (lrp_job_landscape_rows, one lrp_job_predict_at per
// frame).
import { CoreError } from './core.js';
import { frameShape } from './frames.js';

// Pads [lo, hi] by a fraction of its span (by 1 when it has none).
function pad([lo, hi], f) {
  const span = hi - lo || Math.abs(lo) || 1;
  return [lo - f * span, hi + f * span];
}
const extent = (a, from = 0, stride = 1) => {
  let lo = Infinity, hi = -Infinity;
  for (let i = from; i < a.length; i += stride) if (Number.isFinite(a[i])) { lo = Math.min(lo, a[i]); hi = Math.max(hi, a[i]); }
  return lo <= hi ? [lo, hi] : [-1, 1];
};

export function through(steps) {
  for (;;) {
    const { done, value } = steps.next();
    if (done) return value;
  }
}

// fill(out) → a C status, over a buffer of `floats` in the module: a copy.
function computed(job, floats, fill) {
  const { c, M } = job.core;
  return job.core.withAlloc([4 * floats], (out) => {
    const code = fill(out);
    if (code) throw new CoreError(code, c.lrp_error_message(code));
    return M.HEAPF32.slice(out >> 2, (out >> 2) + floats);
  });
}

// The landscape on box (n by n), a row at a time.
function* landscapeSteps(job, box, n) {
  const loss = new Float32Array(n * n);
  for (let row = 0; row < n; row++) {
    loss.set(computed(job, n, (out) => job.core.c.lrp_job_landscape_rows(job.ptr, out, ...box, n, n, row, 1)), row * n);
    yield;
  }
  return { box, nx: n, ny: n, loss };
}

// Playback frames: the model at count evenly spaced evaluations
// (frameShape) on box: eval (count) their indices, step (count) their
// steps, output (count, ny, nx), frame f at f * nx * ny; one a step.
export function* frameSteps(job, box, nx, ny) {
  const steps = job.out('eval_step'), evals = steps.length;
  const shape = frameShape(evals, job.core.c.lrp_job_n_params(job.ptr), nx, ny);
  const n = shape.count, size = shape.nx * shape.ny;
  const at = Int32Array.from({ length: n }, (_, f) => (n > 1 ? Math.round((f * (evals - 1)) / (n - 1)) : 0));
  const output = new Float32Array(n * size);
  for (let f = 0; f < n; f++) {
    output.set(computed(job, size, (out) => job.core.c.lrp_job_predict_at(job.ptr, at[f], out, ...box, shape.nx, shape.ny)), f * size);
    yield;
  }
  return { eval: at, step: at.map((k) => steps[k]), nx: shape.nx, ny: shape.ny, box: [...box], output };
}

// Data problems: the landscape around the path, the model's output over
// the data (a decision map for 2-D data, a curve for 1-D) and, when asked
// for, the frames; {} for surfaces.
export function* gridSteps(job, { n = 31, m = 48, frames = false } = {}) {
  const x = job.out('data_x');
  if (!x.length) return {};
  const path = job.out('path');
  // a square box around the path: the plane's two axes share one scale
  const [a, b] = [extent(path, 0, 2), extent(path, 1, 2)];
  const half = 0.65 * Math.max(a[1] - a[0], b[1] - b[0]) || 1;
  const [ca, cb] = [(a[0] + a[1]) / 2, (b[0] + b[1]) / 2];
  const landscape = yield* landscapeSteps(job, [ca - half, ca + half, cb - half, cb + half], n);
  const dim = x.length / job.out('data_y').length;
  const dbox = dim === 2 ? [...pad(extent(x, 0, 2), 0.1), ...pad(extent(x, 1, 2), 0.1)] : [...pad(extent(x), 0.05), 0, 0];
  const ny = dim === 2 ? m : 1, nx = dim === 2 ? m : 100;
  const prediction = { box: dbox, nx, ny, output: job.predict(dbox, nx, ny) };
  yield;
  return frames ? { landscape, prediction, frames: yield* frameSteps(job, dbox, nx, ny) } : { landscape, prediction };
}
