// tune.js - tuning: random search or successive halving over the rate and,
// optionally, the optimizer's other settings; deterministic from a seed.
import { ENUMS, describeKey } from './preset.js';
import { brief, defaultObjective, drive, loss32, objectiveFor, ranked, robustPick, score as scoreOf, summarize } from './pick.js';
import { SCHED_KEYS, isInt, need, roundNear1, roundTo, withSettings } from './settings.js';

// A loss as web/pick.js reports losses (loss32), or fallback if not finite.
const finiteOr = (x, fallback) => (Number.isFinite(x) ? loss32(x) : fallback);

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

// Each searched setting from one uniform draw u in [0, 1), rounded as the
// sweep rounds (web/settings.js): the rate to two significant digits, a
// setting near 1 with 1 - x to two, so the link holds the number shown.
export const SEARCH_SPACE = Object.freeze({
  lr: (u) => roundTo(logUniform(u, 1e-5, 10), 2), // log-uniform over 1e-5 .. 10
  b1: (u) => roundNear1(1 - logUniform(u, 1e-2, 0.5)), // 0.5 .. 0.99, denser near 1
  b2: (u) => roundNear1(1 - logUniform(u, 1e-4, 1e-1)), // 0.9 .. 0.9999
  momentum: (u) => roundNear1(1 - logUniform(u, 1e-2, 1)), // (0, 0.99]
  sched: (u) => ENUMS.sched[Math.floor(u * ENUMS.sched.length)],
});
export const METHODS = Object.freeze(['random', 'halving']);
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
  const { trials = 32, seed = preset.seed, search = ['lr'], method = 'random', objective = defaultObjective(preset) } = opts;
  need(isInt(trials, 1, 10000), 'trials', 'must be an integer from 1 to 10000');
  need(isInt(seed, 0, 4294967295), 'seed', 'must be an integer from 0 to 4294967295');
  need(METHODS.includes(method), 'method', `must be one of: ${METHODS.join(', ')}`);
  objectiveFor(preset, objective);
  need(Array.isArray(search) && search.length > 0 && search.every((k) => Object.hasOwn(SEARCH_SPACE, k)) &&
    new Set(search).size === search.length, 'search', `must be distinct names from: ${Object.keys(SEARCH_SPACE).join(', ')}`);
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
  const pick = drive(tunedPick(preset, configs, history, objective), (ps) => ps.map((p) => summarize(p, core.run(p))));
  return { ...pick, history, method, objective, seed, searched: keys, ignored };
}

const CANDIDATES = 4; // full-length configs re-run and checked, best first

// Tuning's pick: the best full-length configs of the search, each re-run
// whole (the numbers reported are that run's), then web/pick.js's robust
// pick among them; a generator of the runs it needs, as robustPick.
// Returns { best: {..., trial, settings, loss: its score}, fragile }.
function* tunedPick(preset, configs, history, objective) {
  const full = new Map();
  for (const h of history) if (h.budget === preset.steps && Number.isFinite(h.loss)) full.set(h.trial, h.loss);
  const top = [...full].sort((a, b) => a[1] - b[1] || a[0] - b[0]).slice(0, CANDIDATES).map(([trial]) => configs[trial]);
  const runs = yield top.map((c) => c.preset);
  const candidates = ranked(runs.map((s, i) => brief({ ...s, trial: top[i].trial, settings: top[i].settings })), objective);
  const { best, fragile } = yield* robustPick(candidates, { objective, problem: preset.problem });
  return { best: best && { ...best, loss: scoreOf(best, objective) }, fragile };
}
