// sweep.js - the sweep over rates: one run of the preset per rate, each
// summarised (sweepOne), and the robust pick among them (sweepAdvice,
// web/pick.js); sweepParallel spreads runs over Node's worker threads
// (web/sweep-worker.mjs).
import { drive, loss32, objectiveFor, ranked, robustPick, score, summarize } from './pick.js';
import { isInt, need, roundTo, withSettings } from './settings.js';
import { withOwn } from './own-data.js';

// The sweep: the preset at `count` rates log-spaced over [from, to], all else
// equal (same seed, same start), each rounded to the fewest significant
// digits (at least 2) that keep the rates apart: short links, and a rate
// read off the screen is the rate that ran.

export const SWEEP_DEFAULTS = Object.freeze({ from: 1e-5, to: 10, count: 24 });
const MAX_POINTS = 200;

export function sweepRates({ from = 1e-5, to = 10, count = 24 } = {}) {
  need(Number.isFinite(from) && from > 0 && from <= 100, 'from', 'must be > 0 and <= 100');
  need(Number.isFinite(to) && to >= from && to <= 100, 'to', 'must be >= from and <= 100');
  need(isInt(count, 1, 1000), 'count', 'must be an integer from 1 to 1000');
  if (count === 1) return [roundTo(from, 15)];
  const raw = Array.from({ length: count }, (_, k) => (k === count - 1 ? to : from * (to / from) ** (k / (count - 1))));
  for (let digits = 2; ; digits++) {
    const rates = raw.map((x) => roundTo(x, digits));
    if (digits >= 15 || rates.every((x, k) => k === 0 || x > rates[k - 1])) return rates;
  }
}

export function sweepPresets(preset, opts = {}) {
  return sweepRates(opts).map((lr) => withSettings(preset, { lr }));
}

// Up to m indices spread evenly over 0 .. n-1, both ends included.
function spread(n, m) {
  if (n <= m) return Array.from({ length: n }, (_, i) => i);
  return Array.from({ length: m }, (_, k) => Math.round((k * (n - 1)) / (m - 1)));
}

// One run of the sweep, summarised: plain numbers and arrays only, so a
// worker can post it and JSON can write it. The numbers of web/pick.js's
// summarize (lr, preset: the exact link of the run, final_loss,
// heldout_loss, start_loss, diverged_at, fingerprint), best_loss the lowest
// finite loss; loss is the curve at the steps loss_step (<= 200 points),
// path the parameters (surfaces: (x, y); data problems: the plane of
// web/core.js) at path_step.
export function sweepOne(core, preset) {
  const r = core.run(preset);
  const n = r.loss.length;
  let best = Infinity;
  for (const v of r.loss) if (v < best) best = v;
  const steps = spread(n, MAX_POINTS);
  const pathStep = r.path_step?.length ? Array.from(r.path_step) : Array.from({ length: r.path.length / 2 }, (_, i) => i);
  const keep = spread(pathStep.length, MAX_POINTS);
  return {
    ...summarize(preset, r),
    best_loss: loss32(best),
    loss_step: steps,
    loss: steps.map((t) => r.loss[t]),
    path_step: keep.map((k) => pathStep[k]),
    path: keep.map((k) => [r.path[2 * k], r.path[2 * k + 1]]),
  };
}

export function sweepLR(core, preset, opts = {}) {
  return sweepPresets(preset, opts).map((p) => sweepOne(core, p));
}

// The sweep's advice over its results: a generator of the neighbour runs
// it needs (web/pick.js's robustPick); returns { objective, best, fragile,
// outside }.
export function* sweepAdvice(preset, results, { objective } = {}) {
  const o = objectiveFor(preset, objective);
  const pick = yield* robustPick(ranked(results, o), { objective: o, problem: preset.problem });
  return { objective: o, ...pick, outside: outsideRange(results, pick.best, o) };
}

// Where the recommended rate is the largest rate swept (or the smallest)
// and its neighbour beyond the range ends lower still, the best rate may
// lie outside the range: { side: 'above' | 'below', edge: that rate,
// neighbour }; else null.
export function outsideRange(results, best, objective) {
  if (!best?.robust || results.length < 2) return null;
  const rates = results.map((r) => r.lr);
  const side = best.lr === Math.max(...rates) ? 'above' : best.lr === Math.min(...rates) ? 'below' : null;
  const neighbour = side && best.neighbours.find((n) => (side === 'above') === (n.factor > 1) && score(n, objective) < score(best, objective));
  return neighbour ? { side, edge: best.lr, neighbour } : null;
}

// The whole sweep in this thread: { results, objective, best, fragile,
// outside }.
export function sweep(core, preset, opts = {}) {
  const results = sweepLR(core, preset, opts);
  return { results, ...drive(sweepAdvice(preset, results, opts), (ps) => ps.map((p) => sweepOne(core, p))) };
}

// Node only: the same results as sweepOne over `presets`, in order, from a
// pool of worker threads (web/sweep-worker.mjs), each with its own core.
export async function sweepParallel(presets, { workers, onProgress } = {}) {
  if (!presets.length) return [];
  const { Worker } = await import('node:worker_threads');
  const cores = workers ?? (await import('node:os')).availableParallelism();
  need(isInt(cores, 1, 256), 'workers', 'must be an integer from 1 to 256');
  const results = new Array(presets.length);
  let next = 0, done = 0;
  const pool = Array.from({ length: Math.min(cores, presets.length) },
    () => new Worker(new URL('./sweep-worker.mjs', import.meta.url)));
  const drive = (w) => new Promise((resolve, reject) => {
    const feed = () => {
      if (next >= presets.length) return resolve();
      const i = next++;
      w.postMessage(withOwn({ i, preset: presets[i] }));
    };
    w.on('message', ({ i, result, error }) => {
      if (error) return reject(Object.assign(new Error(error.message), error));
      results[i] = result;
      onProgress?.(++done, presets.length);
      feed();
    });
    w.on('error', reject);
    w.on('exit', (code) => reject(new Error(`sweep worker exited with code ${code}`)));
    feed();
  });
  try {
    await Promise.all(pool.map(drive));
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return results;
}
