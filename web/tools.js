// tools.js - the learning-rate tools over the core: the range test (fastai's
// lr_find), the sweep over rates, and tuning (random search, successive
// halving). Pure ES module: runs in browsers, Web Workers and Node; takes a
// `core` from loadCore() (web/core.js) and resolved presets from parse()
// (web/preset.js). Only sweepParallel needs Node (worker_threads), and it
// imports them when called.
import { ENUMS, KEYS, PresetError, describeKey, parse, toJSON } from './preset.js';

// A bad option, by the option's name: the CLI prints "<key>: <reason>".
export class ToolError extends PresetError {
  constructor(key, reason) {
    super(key, reason);
    this.name = 'ToolError';
  }
}

const need = (ok, key, reason) => {
  if (!ok) throw new ToolError(key, reason);
};
const isInt = (x, lo, hi) => Number.isInteger(x) && x >= lo && x <= hi;
const finiteOr = (x, fallback) => (Number.isFinite(x) ? x : fallback);

const SCHED_KEYS = KEYS.filter((d) => d.group === 'Schedule').map((d) => d.key);

// A resolved preset with `changes` applied. It goes back through parse, so
// defaults that depend on a changed key (cyclic's min_lr on lr, step_size on
// steps) are derived again, while values the preset set explicitly stay;
// `drop` removes explicit keys first. Strict: a bad result throws PresetError.
export function withSettings(preset, changes, drop = []) {
  const base = toJSON(preset);
  for (const key of drop) delete base[key];
  return parse({ ...base, ...changes }, { strict: true }).preset;
}

// ---------------------------------------------------------------------------
// The LR range test, as fastai's Learner.lr_find (fastai/callback/schedule.py,
// fastai/fastai at 0a049e8; the smoothing is AvgSmoothLoss in fastai/learner.py):
//   LRFinder: num_it < 6 becomes 6; before batch i the rate is
//     SchedExp(start, end)(i / num_it) = start * (end/start)^(i/num_it),
//     i = 0 .. num_it-1 (so `end` itself is never used);
//   Recorder: smooth = lerp(loss_i, val, beta) / (1 - beta^(i+1)), recorded
//     with rate i; loss_i is the loss of the batch update i uses;
//   after_batch: best = min(best, smooth); stop once smooth > 4 * best.
// The core has no per-step schedule, but ExponentialLR with
// gamma = (end/start)^(1/num) and lr = start gives exactly these rates (the
// core evaluates lr * gamma^t in closed form), so the test is one core run of
// the preset with sched=exp, steps=num and no warm-up: the preset's own
// schedule is replaced.

export const FIND_DEFAULTS = Object.freeze({ start: 1e-7, end: 10, num: 100, beta: 0.98, divThreshold: 4 });

// The preset the test runs: a growing ExponentialLR (gamma > 1; presets
// take gamma up to 100, more than the widest test needs: 1e8^(1/6)).
export function finderPreset(preset, { start = 1e-7, end = 10, num = 100 } = {}) {
  need(Number.isFinite(start) && start > 0 && start <= 100, 'start', 'must be > 0 and <= 100');
  need(Number.isFinite(end) && end > start, 'end', 'must be a number > start');
  need(isInt(num, 1, 100000), 'num', 'must be an integer from 1 to 100000');
  const n = Math.max(6, num); // fastai: "if num_it < 6: num_it = 6"
  const p = withSettings(preset, { sched: 'exp', warmup: 0, steps: n, lr: start }, SCHED_KEYS);
  return { ...p, gamma: (end / start) ** (1 / n) };
}

export function findLR(core, preset, opts = {}) {
  const { start, end, num, beta, divThreshold } = { ...FIND_DEFAULTS, ...opts };
  need(Number.isFinite(beta) && beta >= 0 && beta < 1, 'beta', 'must be >= 0 and < 1');
  need(Number.isFinite(divThreshold) && divThreshold > 1, 'divThreshold', 'must be a number > 1');
  const fp = finderPreset(preset, { start, end, num });
  const run = core.run(fp);
  const n = fp.steps;
  const lrs = [], losses = [], raw = [];
  let val = 0, best = Infinity, stoppedAt = null;
  // The core stops a diverging run at t with loss[t] recorded and lr[t] not;
  // that point still belongs to the test (fastai records it), at the rate
  // update t would have used.
  for (let i = 0; i < n && i < run.loss.length; i++) {
    const loss = run.loss[i];
    val = loss + beta * (val - loss); // torch.lerp(loss, val, beta)
    const smooth = val / (1 - beta ** (i + 1));
    lrs.push(i < run.lr.length ? run.lr[i] : fp.lr * fp.gamma ** i);
    raw.push(loss);
    losses.push(smooth);
    if (smooth < best) best = smooth;
    if (smooth > divThreshold * best || !Number.isFinite(smooth)) {
      stoppedAt = i;
      break;
    }
  }
  if (stoppedAt === null && lrs.length < n) stoppedAt = lrs.length - 1; // the core's divergence stop
  const { suggestions, points } = suggest(lrs, losses, n);
  return {
    lrs, losses, raw, suggestions, points, stopped_at: stoppedAt, preset: fp,
    note: `the preset's schedule is replaced by ExponentialLR from ${start} (gamma ${fp.gamma}) over ${n} steps`,
  };
}

// fastai's lr_find hands the rules lrs[num_it//10 : -5] and the same slice of
// the smoothed losses, cut before the first NaN; here before the first
// non-finite value (JSON cannot tell them apart). Each rule gives a rate and
// the point fastai marks on its plot; null where too few points remain.
export function suggest(lrs, losses, num) {
  const from = Math.floor(Math.max(6, num) / 10);
  let x = lrs.slice(from, Math.max(from, lrs.length - 5));
  let y = losses.slice(from, from + x.length);
  const bad = y.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) [x, y] = [x.slice(0, bad), y.slice(0, bad)];
  const rules = { valley, minimum, steep, slide };
  const suggestions = {}, points = {};
  for (const [name, rule] of Object.entries(rules)) {
    const r = x.length >= 2 ? rule(x, y) : null;
    suggestions[name] = r ? r.lr : null;
    points[name] = r ? r.point : null;
  }
  return { suggestions, points };
}

// fastai `valley`: the longest decreasing subsequence of the loss (O(n^2),
// max_start taken as fastai takes it, when max_end first moves), and the rate
// two thirds along it: idx = max_start + int(len/3) + int(len/3/2).
export function valley(lrs, losses) {
  const n = losses.length;
  const lds = new Array(n).fill(1);
  let maxStart = 0, maxEnd = 0;
  for (let i = 1; i < n; i++) {
    for (let j = 0; j < i; j++) {
      if (losses[i] < losses[j] && lds[i] < lds[j] + 1) lds[i] = lds[j] + 1;
      if (lds[maxEnd] < lds[i]) {
        maxEnd = i;
        maxStart = maxEnd - lds[maxEnd];
      }
    }
  }
  const sections = (maxEnd - maxStart) / 3;
  const idx = maxStart + Math.trunc(sections) + Math.trunc(sections / 2);
  return { lr: lrs[idx], point: [lrs[idx], losses[idx]] };
}

// fastai `minimum`: a tenth of the rate at the lowest loss (marked at that rate).
export function minimum(lrs, losses) {
  let k = 0;
  for (let i = 1; i < losses.length; i++) if (losses[i] < losses[k]) k = i;
  return { lr: lrs[k] / 10, point: [lrs[k], losses[k]] };
}

// fastai `steep`: the rate at the left end of the steepest descent of the
// loss against log(rate).
export function steep(lrs, losses) {
  let k = 0, g = Infinity;
  for (let i = 0; i + 1 < losses.length; i++) {
    const d = (losses[i + 1] - losses[i]) / (Math.log(lrs[i + 1]) - Math.log(lrs[i]));
    if (d < g) [k, g] = [i, d];
  }
  return { lr: lrs[k], point: [lrs[k], losses[k]] };
}

// numpy.gradient with unit spacing: central differences inside, one-sided
// at both ends.
function gradient(y) {
  const n = y.length;
  return y.map((_, i) => (i === 0 ? y[1] - y[0] : i === n - 1 ? y[n - 1] - y[n - 2] : (y[i + 1] - y[i - 1]) / 2));
}

// fastai `slide` (lr_diff 15, thresh 0.005, adjust_value 1): from the right
// end, slide a window of lr_diff points left while the loss gradients (per
// index) at its two ends differ by more than thresh; suggest the window's
// left rate. fastai indexes lrs[-(lr_diff+1)] first, so it needs more than
// lr_diff points; null otherwise.
export function slide(lrs, losses, { lrDiff = 15, thresh = 0.005, adjust = 1 } = {}) {
  const n = losses.length;
  if (n <= lrDiff) return null;
  const g = gradient(losses);
  let r = -1, l = r - lrDiff, k = n + l;
  while (l >= -n && Math.abs(g[n + r] - g[n + l]) > thresh) {
    k = n + l;
    r--;
    l--;
  }
  return { lr: lrs[k] * adjust, point: [lrs[k] * adjust, losses[k]] };
}

// ---------------------------------------------------------------------------
// The sweep: the preset at `count` rates log-spaced over [from, to], all else
// equal (same seed, same start).

export const SWEEP_DEFAULTS = Object.freeze({ from: 1e-5, to: 10, count: 24 });
const MAX_POINTS = 200;

export function sweepRates({ from = 1e-5, to = 10, count = 24 } = {}) {
  need(Number.isFinite(from) && from > 0 && from <= 100, 'from', 'must be > 0 and <= 100');
  need(Number.isFinite(to) && to >= from && to <= 100, 'to', 'must be >= from and <= 100');
  need(isInt(count, 1, 1000), 'count', 'must be an integer from 1 to 1000');
  if (count === 1) return [from];
  return Array.from({ length: count }, (_, k) => (k === count - 1 ? to : from * (to / from) ** (k / (count - 1))));
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
// worker can post it and JSON can write it. final_loss is the last recorded
// loss (that of the divergence when diverged_at is set), best_loss the
// lowest finite one; loss is the curve at the steps loss_step (<= 200
// points), path the parameters (surfaces: (x, y); data problems: the plane
// of web/core.js) at path_step.
export function sweepOne(core, preset) {
  const r = core.run(preset);
  const n = r.loss.length;
  let best = Infinity;
  for (const v of r.loss) if (v < best) best = v;
  const steps = spread(n, MAX_POINTS);
  const pathStep = r.path_step?.length ? Array.from(r.path_step) : Array.from({ length: r.path.length / 2 }, (_, i) => i);
  const keep = spread(pathStep.length, MAX_POINTS);
  return {
    lr: preset.lr,
    final_loss: r.loss[n - 1],
    best_loss: best,
    diverged_at: r.diverged_at,
    loss_step: steps,
    loss: steps.map((t) => r.loss[t]),
    path_step: keep.map((k) => pathStep[k]),
    path: keep.map((k) => [r.path[2 * k], r.path[2 * k + 1]]),
    fingerprint: r.fingerprint,
  };
}

export function sweepLR(core, preset, opts = {}) {
  return sweepPresets(preset, opts).map((p) => sweepOne(core, p));
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
      w.postMessage({ i, preset: presets[i] });
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

// ---------------------------------------------------------------------------
// Tuning: random search or successive halving over the rate and, optionally,
// the optimizer's other settings; deterministic from a seed.

// mulberry32 (Tommy Ettinger's 32-bit generator): uniform in [0, 1).
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const logUniform = (u, lo, hi) => lo * (hi / lo) ** u;

// Each searched setting from one uniform draw u in [0, 1).
export const SEARCH_SPACE = Object.freeze({
  lr: (u) => logUniform(u, 1e-5, 10), // log-uniform over 1e-5 .. 10
  b1: (u) => 1 - logUniform(u, 1e-2, 0.5), // 0.5 .. 0.99, denser near 1
  b2: (u) => 1 - logUniform(u, 1e-4, 1e-1), // 0.9 .. 0.9999
  momentum: (u) => 1 - logUniform(u, 1e-2, 1), // (0, 0.99]
  sched: (u) => ENUMS.sched[Math.floor(u * ENUMS.sched.length)],
});
export const METHODS = Object.freeze(['random', 'halving']);
export const OBJECTIVES = Object.freeze(['final', 'heldout']);
const ETA = 3; // halving keeps the best third and triples the budget

// The loss after `budget` updates (loss[budget]) or the last held-out loss
// evaluated by then; +Infinity once the run has diverged. Advances the job
// as far as it needs; a surface runs whole at its first advance.
function score(job, budget, objective) {
  let t = job.out('loss').length;
  while (t <= budget) {
    const s = job.advance(budget + 1 - t);
    t = s.t;
    if (s.done) break;
  }
  const loss = job.out('loss');
  if (loss.length <= budget) return Infinity; // diverged before the budget
  if (objective === 'final') return loss[budget] <= 1e10 ? finiteOr(loss[budget], Infinity) : Infinity;
  const at = job.out('eval_step'), test = job.out('test_loss');
  let k = -1;
  while (k + 1 < at.length && at[k + 1] <= budget) k++;
  return k < 0 ? Infinity : finiteOr(test[k], Infinity);
}

// Rungs of successive halving: trials configs on steps/3^(K-1), then the
// best third on three times the budget, ..., the last rung on every step.
function rungs(trials, steps) {
  let k = 1;
  while (ETA ** k <= trials) k++;
  return Array.from({ length: k }, (_, r) => ({
    keep: Math.max(1, Math.floor(trials / ETA ** r)),
    budget: Math.max(1, Math.round(steps / ETA ** (k - 1 - r))),
  }));
}

export function tune(core, preset, opts = {}) {
  const { trials = 32, seed = preset.seed, search = ['lr'], method = 'random', objective = 'final' } = opts;
  need(isInt(trials, 1, 10000), 'trials', 'must be an integer from 1 to 10000');
  need(isInt(seed, 0, 4294967295), 'seed', 'must be an integer from 0 to 4294967295');
  need(METHODS.includes(method), 'method', `must be one of: ${METHODS.join(', ')}`);
  need(OBJECTIVES.includes(objective), 'objective', `must be one of: ${OBJECTIVES.join(', ')}`);
  need(Array.isArray(search) && search.length > 0 && search.every((k) => k in SEARCH_SPACE) &&
    new Set(search).size === search.length, 'search', `must be distinct names from: ${Object.keys(SEARCH_SPACE).join(', ')}`);
  need(objective !== 'heldout' || ['linreg', 'logreg', 'mlp'].includes(preset.problem),
    'objective', 'heldout needs a data problem (linreg, logreg, mlp)');
  // A setting that does not change this preset's run (b1 for sgd) is not searched.
  const keys = search.filter((k) => describeKey(k).applies(preset));
  const ignored = search.filter((k) => !keys.includes(k));
  const rand = mulberry32(seed);
  const configs = Array.from({ length: trials }, (_, trial) => {
    const settings = Object.fromEntries(keys.map((k) => [k, SEARCH_SPACE[k](rand())]));
    const drop = 'sched' in settings ? SCHED_KEYS.filter((k) => k !== 'warmup') : [];
    return { trial, settings, preset: withSettings(preset, settings, drop) };
  });

  const history = [];
  let best = null;
  const record = (c, loss, budget) => {
    if (budget === preset.steps && (best === null || loss < best.loss)) best = { ...c, loss };
    history.push({ trial: c.trial, settings: c.settings, loss, best_so_far: best ? best.loss : null, budget });
  };
  const plan = method === 'random' ? [{ keep: trials, budget: preset.steps }] : rungs(trials, preset.steps);
  // Survivors keep their job and resume: a run stopped at a budget and
  // continued is the same run as one never stopped.
  const jobs = new Map();
  try {
    let alive = configs;
    for (const { keep, budget } of plan) {
      alive = alive.slice(0, keep);
      const scored = alive.map((c) => {
        if (!jobs.has(c.trial)) jobs.set(c.trial, core.start(c.preset));
        const loss = score(jobs.get(c.trial), budget, objective);
        record(c, loss, budget);
        if (method === 'random') jobs.get(c.trial).free();
        return { c, loss };
      });
      scored.sort((a, b) => a.loss - b.loss || a.c.trial - b.c.trial || 0);
      alive = scored.map((s) => s.c);
    }
  } finally {
    for (const job of jobs.values()) job.free();
  }
  return {
    best: { preset: best.preset, settings: best.settings, trial: best.trial, loss: best.loss },
    history, method, objective, seed, searched: keys, ignored,
  };
}
