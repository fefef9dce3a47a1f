// story.js - what a run did, in words: the sentence beside the charts (and
// their text alternative), the divergence warning, readable numbers. Pure:
// no DOM, so Node tests it.
import { CLASS_STYLES } from './palette.js';
import { short } from './ticks.js';

// How the pictures mark a run that diverged at step t (its ✕ is drawn there).
export const divergedAt = (t) => `✕ diverged at step ${t}`;

// A readable number (3 significant digits, no float noise, 'not finite'
// for what is not); the exact one is in the tooltips and the exports.
export const brief = (x) => (Number.isFinite(x) ? short(x, 3) : 'not finite');

const percent = (x) => `${(100 * x).toFixed(1)}%`;

// The lowest loss of each surface (PRESET.md's functions, at their global minima).
export const SURFACE_MIN = Object.freeze({ quadratic: 0, rosenbrock: 0, beale: 0, himmelblau: 0, saddle: -0.25, wells: -0.3054 });

// Where a surface run ended against the surface's lowest loss `min`:
// 'stuck' (it stopped changing well above it: a saddle or a local
// minimum), 'slow' (still falling, far from it) or null (near it).
export function standing(run, min) {
  const loss = run.loss, n = loss.length - 1;
  if (min === undefined || run.diverged_at !== null || n < 10) return null;
  const first = loss[0], last = loss[n], gap = last - min;
  // a loss that rose is neither on its way down nor stuck
  if (!(gap > 0.05 * (first - min)) || !(last < first)) return null;
  const recent = Math.abs(loss[Math.floor(0.9 * n)] - last);
  return recent <= 1e-3 * Math.max(first - last, 1e-12) ? 'stuck' : 'slow';
}

// How the loss went, start to end of a finished (or stopped) run.
function lossSentence(run) {
  const t = run.loss.length - 1, first = run.loss[0], last = run.loss[t];
  const steps = `${t} step${t === 1 ? '' : 's'}`;
  if (run.diverged_at !== null && run.diverged_at !== undefined) {
    const to = Number.isFinite(last) ? brief(last) : Number.isNaN(last) ? 'NaN' : 'infinity';
    return `The loss grew from ${brief(first)} to ${to} in ${steps}: the run diverged.`;
  }
  if (last > first) return `The loss rose from ${brief(first)} to ${brief(last)} in ${steps}.`;
  if (first > 0 && last > 0.9 * first) return `The loss barely moved: from ${brief(first)} to ${brief(last)} in ${steps}.`;
  return `The loss fell from ${brief(first)} to ${brief(last)} in ${steps}.`;
}

// When the held-out loss ended well above its best (a fifth or more) while
// the training loss fell: the step and value of its best, else null.
export function overfit(run) {
  const held = run.test_loss;
  if (!held?.length || run.diverged_at !== null || !(run.loss.at(-1) < run.loss[0])) return null;
  let k = 0;
  for (let i = 1; i < held.length; i++) if (held[i] < held[k]) k = i;
  return held.at(-1) > 1.2 * held[k] ? { step: run.eval_step[k], loss: held[k] } : null;
}

// The sentence beside the charts: the loss, against the lowest loss of a
// surface (min, when known), then a data problem's held-out numbers, and
// whether it learned the training points rather than the pattern.
export function summarize(run, min = undefined) {
  const where = standing(run, min);
  const parts = [where === 'stuck' ? `${lossSentence(run).slice(0, -1)}, then stopped moving, above this surface's lowest loss (${brief(min)}): ` +
    'stuck where the gradient is zero without a minimum, or in a local one.'
    : where === 'slow' ? `${lossSentence(run).slice(0, -1)}, and is still falling, far from this surface's lowest loss (${brief(min)}).`
      : lossSentence(run)];
  if (run.test_loss?.length) parts.push(`Held-out loss ${brief(run.test_loss.at(-1))}`);
  if (run.test_acc?.length) parts.push(`held-out accuracy ${percent(run.test_acc.at(-1))}`);
  const text = parts.length > 1 ? `${parts[0]} ${parts.slice(1).join(', ')}.` : parts[0];
  const o = overfit(run);
  return o ? `${text} It was lowest (${brief(o.loss)}) at step ${o.step} and rose after: the model learns the training points, not the pattern.` : text;
}

// What the loss did at step t, where the run diverged.
function blowUp(loss) {
  return Number.isNaN(loss) ? 'became NaN' : Number.isFinite(loss) ? 'passed 1e10' : 'became infinite';
}

// The warning for a diverged run (null when it did not diverge).
export function divergence(run) {
  const t = run.diverged_at;
  if (t === null || t === undefined) return null;
  return `The loss ${blowUp(run.loss[t])} at step ${t}: the steps overshoot the minimum and grow. ` +
    'Try a smaller learning rate or a decaying schedule.';
}

// The text alternative of the loss chart (its canvas's label): how the
// run's loss went, its held-out loss, and each pin ({ label, values,
// diverged }, dashed in its colour) where it ends.
export function lossAlt(run, { pins = [], heldOut = true } = {}) {
  const t = run.diverged_at;
  const head = t === null || t === undefined ? lossSentence(run)
    : `Diverged at step ${t}: the loss ${blowUp(run.loss[t])}, from ${brief(run.loss[0])} at step 0.`;
  const held = heldOut && run.test_loss?.length ? ` Dashed: the held-out loss, ending at ${brief(run.test_loss.at(-1))}.` : '';
  const ends = pins.map((p) => `${p.label} ${p.diverged ? 'diverged' : `ends at ${brief(lastFinite(p.values))}`}`);
  return `Loss per step. ${head}${held}${ends.length ? ` Pinned runs, dashed: ${ends.join('; ')}.` : ''}`;
}

// The text alternative of the rate chart: where the rate starts, peaks and ends.
export function rateAlt(lr) {
  let k = 0;
  for (let i = 1; i < lr.length; i++) if (lr[i] > lr[k]) k = i;
  const n = lr.length - 1, peak = k > 0 && k < n ? `, highest ${brief(lr[k])} at step ${k}` : '';
  return `Learning rate per step: ${brief(lr[0])} at step 0${peak}, ${brief(lr[n])} at step ${n}.`;
}

// A class's name: its own (own data with named labels), else 'class c'.
export const className = (c, names = null) => names?.[c] ?? `class ${c}`;

const PLURAL = { circle: 'circles', square: 'squares', triangle: 'triangles', diamond: 'diamonds', plus: 'plus signs', cross: 'crosses', star: 'stars', 'triangle-down': 'upside-down triangles' };
const listed = (items) => (items.length < 3 ? items.join(' and ') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

// The model plot's text alternative (its canvas's label): what it shows
// (twoD: the decision map over k classes, named by names or by number;
// else the curve), at which step (null: the end), and how well the model
// did then.
export function modelAlt(run, step, { twoD = true, classes = 2, names = null } = {}) {
  const when = step === null ? 'at the end of the run' : `at step ${step}`;
  const k = run.eval_step?.length ? Math.max(0, atOrBefore(run.eval_step, step ?? Infinity)) : -1;
  if (!twoD) {
    const held = k >= 0 && run.test_loss?.length ? ` Held-out loss ${brief(run.test_loss[k])}.` : '';
    return `The model's curve ${when} over the data (x, y), training points filled, held-out ones hollow.${held}`;
  }
  const train = k >= 0 && run.train_acc?.length ? ` Training accuracy ${percent(run.train_acc[k])}.` : '';
  const held = k >= 0 && run.test_acc?.length ? ` Held-out accuracy ${percent(run.test_acc[k])}.` : '';
  const name = (c) => className(c, names);
  const shading = classes === 2 ? `blue where it predicts ${name(0)}, orange where ${name(1)}`
    : 'each region shaded in the colour of the class the model predicts there, paler where it is less sure';
  const data = classes === 2 ? [`blue circles (${name(0)})`, `orange squares (${name(1)})`]
    : CLASS_STYLES.slice(0, classes).map((s, c) => `${s.name} ${PLURAL[s.shape]} (${name(c)})`);
  return `Decision map of the model ${when}, over its inputs x1 and x2, for ${classes} classes: ${shading}; ` +
    `the data as ${listed(data)}, training points filled, held-out ones hollow.${train}${held}`;
}

const lastFinite = (values) => {
  for (let i = values.length - 1; i >= 0; i--) if (Number.isFinite(values[i])) return values[i];
  return NaN;
};

// The index of the last of `steps` (increasing) at or before step t, or
// -1 when the first comes after it: which evaluation, path point or frame
// the playback shows at t.
export function atOrBefore(steps, t) {
  let lo = -1, hi = steps.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (steps[mid] <= t) lo = mid; else hi = mid - 1;
  }
  return lo;
}

// The values at step t, for the playback's readout: { step, loss, lr, at }
// where at is the (x, y) of a surface's path, else null (a data problem's
// path is in a plane of its own, not its weights).
export function valuesAt(run, t) {
  const k = Math.min(t, run.loss.length - 1);
  const out = { step: k, loss: run.loss[k], lr: run.lr[Math.min(k, run.lr.length - 1)] };
  out.at = !run.data_x?.length && run.path?.length >= 2 * (k + 1) ? [run.path[2 * k], run.path[2 * k + 1]] : null;
  return out;
}
