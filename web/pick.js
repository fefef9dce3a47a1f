// pick.js - the pick the sweep and tuning recommend, and how it is checked:
// a rate is recommended only when its neighbours (×0.8 and ×1.25, rounded
// as the rate is) also converge and end close to it, so that a student who
// moves the slider a little keeps what the tool promised. A better rate
// whose neighbour fails is reported as fragile. Every result here is a
// summary of one whole run with the exact preset (a link) that made it.
import { SURFACES, canonicalize, describeKey, parse } from './preset.js';
import { SURFACE_MIN } from './story.js';
import { need, roundTo, withSettings } from './settings.js';
import { f32 } from './export.js';

// What a tool optimises: the final training loss, or (data problems) the
// last held-out loss, which does not reward memorising the training set.
export const OBJECTIVES = Object.freeze(['final', 'heldout']);
export const defaultObjective = (p) => (SURFACES.includes(p.problem) ? 'final' : 'heldout');

// A tool's objective, checked (a ToolError names the option): the final
// loss, or the held-out loss, which only a data problem has (its default).
export function objectiveFor(preset, objective = defaultObjective(preset)) {
  need(OBJECTIVES.includes(objective), 'objective', `must be one of: ${OBJECTIVES.join(', ')}`);
  need(objective !== 'heldout' || defaultObjective(preset) === 'heldout',
    'objective', 'heldout needs a data problem (linreg, logreg, mlp)');
  return objective;
}
export const NEIGHBOURS = Object.freeze([0.8, 1.25]);
const CHECKS = 4; // candidates checked, best first, before giving up on a robust one
const LR_MAX = describeKey('lr').max;

// A loss (a float32) as the shortest decimal that reads back as it, the
// number `lr-playground run` prints; non-finite stays as it is.
export const loss32 = (x) => (Number.isFinite(x) ? Number(f32(x)) : x);

// A whole run's numbers: final_loss is the last recorded loss (that of the
// divergence when diverged_at is set); heldout_loss the last held-out loss
// (null on a surface); start_loss the loss before the first update.
export function summarize(preset, r) {
  const last = r.test_loss?.length ? loss32(r.test_loss[r.test_loss.length - 1]) : null;
  return {
    lr: preset.lr, preset: canonicalize(preset),
    final_loss: loss32(r.loss[r.loss.length - 1]), heldout_loss: last, start_loss: loss32(r.loss[0]),
    diverged_at: r.diverged_at, fingerprint: r.fingerprint,
  };
}

// The numbers of a summary without its curves (and tuning's trial and
// settings, where it has them).
export const brief = ({ lr, preset, final_loss, heldout_loss, start_loss, diverged_at, fingerprint, trial, settings }) =>
  ({ lr, preset, final_loss, heldout_loss, start_loss, diverged_at, fingerprint, ...(settings ? { trial, settings } : {}) });

// A summary's score under `objective`, lower is better; Infinity once diverged.
export function score(s, objective) {
  if (s.diverged_at !== null) return Infinity;
  const v = objective === 'heldout' ? s.heldout_loss : s.final_loss;
  return Number.isFinite(v) ? v : Infinity;
}

// Finite-scored summaries, best first (ties: the lower rate).
export const ranked = (summaries, objective) => summaries
  .filter((s) => Number.isFinite(score(s, objective)))
  .sort((a, b) => score(a, objective) - score(b, objective) || a.lr - b.lr);

// Does neighbour n end close to the pick c? It must not diverge, and its
// score may exceed c's by at most 9× c's distance to the lowest loss there
// is (a surface's minimum; 0 for a data loss) or 1% of the way from the
// start to c, whichever is larger.
export function holds(n, c, objective, floor) {
  const a = score(n, objective), b = score(c, objective);
  return Number.isFinite(a) && a - b <= Math.max(9 * (b - floor), 0.01 * Math.abs(c.start_loss - b));
}

// The neighbours' presets of a candidate: its preset at rate ×0.8 and
// ×1.25, rounded to `digits` significant digits (within the rate's range).
function neighbourPresets(c, digits) {
  const p = parse(c.preset, { strict: true }).preset;
  return NEIGHBOURS.map((f) => ({ factor: f, lr: Math.min(LR_MAX, roundTo(c.lr * f, digits)) }))
    .filter((n) => n.lr !== c.lr)
    .map((n) => ({ factor: n.factor, preset: withSettings(p, { lr: n.lr }) }));
}

// The robust pick among ranked candidates (summaries with start_loss). A
// generator: it yields the presets it needs run and takes their summaries
// back (drive / driveAsync run it), so the page's workers and the command
// line's threads run the same checks. Returns { best, fragile }: best is
// the first candidate whose neighbours hold (robust: true), else the first
// candidate (robust: false), else null; fragile the better candidates
// passed over, each with the neighbour that failed.
export function* robustPick(candidates, { objective, problem, digits = 2 }) {
  const floor = SURFACE_MIN[problem] ?? 0;
  const fragile = [];
  for (const c of candidates.slice(0, CHECKS)) {
    const near = neighbourPresets(c, digits);
    const runs = yield near.map((n) => n.preset);
    const neighbours = runs.map((s, i) => ({ factor: near[i].factor, ...brief(s) }));
    const bad = neighbours.find((n) => !holds(n, c, objective, floor));
    if (!bad) return { best: { ...brief(c), robust: true, neighbours }, fragile };
    fragile.push({ ...brief(c), neighbour: bad });
  }
  const first = candidates[0];
  return { best: first ? { ...brief(first), robust: false, neighbours: [] } : null, fragile };
}

// Runs a generator such as robustPick to its end: runMany(presets) gives
// their summaries, in order (driveAsync: a promise of them).
export function drive(gen, runMany) {
  let step = gen.next();
  while (!step.done) step = gen.next(runMany(step.value));
  return step.value;
}
export async function driveAsync(gen, runMany) {
  let step = gen.next();
  while (!step.done) step = gen.next(await runMany(step.value));
  return step.value;
}
