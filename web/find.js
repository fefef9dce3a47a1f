// find.js - the LR range test (fastai's lr_find) over the core, and the
// rules that suggest a rate from its curve (valley, minimum, steep, slide).
import { brief, summarize } from './pick.js';
import { SCHED_KEYS, isInt, need, roundTo, withSettings } from './settings.js';

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
    default: 'valley', picks: picks(core, preset, suggestions),
    note: `the preset's schedule is replaced by ExponentialLR from ${start} (gamma ${fp.gamma}) over ${n} steps`,
  };
}

// What each suggestion does when used: the preset itself (its own schedule
// and steps) at the suggested rate to two significant digits, run whole
// (web/pick.js's summary: the exact link, the final and held-out loss, the
// fingerprint). The test itself suggests, it does not run the preset.
function picks(core, preset, suggestions) {
  const runs = new Map();
  const out = {};
  for (const [name, lr] of Object.entries(suggestions)) {
    if (lr === null || !(lr > 0)) continue;
    const rate = Math.min(100, roundTo(lr, 2));
    if (!runs.has(rate)) {
      const p = withSettings(preset, { lr: rate });
      runs.set(rate, brief(summarize(p, core.run(p))));
    }
    out[name] = runs.get(rate);
  }
  return out;
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
