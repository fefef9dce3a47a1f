// advice.js - one recommendation from all the learning-rate tools that ran,
// and why the others differ: the range test grows the rate within one short
// run, the sweep runs each rate for the whole budget, tuning draws rates at
// random and cuts most on short runs, and 2 / λmax bounds plain gradient
// descent at the start only. Pure: the page's tools panel shows it.
// advise(preset, { find, sweep, tune, edge }) → null (no tool has run) or
// { pick: { source, lr, preset, robust } | null, reason, others: [{ tool, text }] }.
import { SURFACE_MIN, brief as fmt } from './story.js';
import { FIND_DEFAULTS } from './find.js';
import { score } from './pick.js';

const NAMES = { final: 'final loss', heldout: 'held-out loss' };
// Where a run (a web/pick.js summary) ends, under the objective: "ends at
// 0.0078", "ends at held-out loss 5.4e-4", "diverges at step 9".
export const ends = (s, objective = 'final') => (s.diverged_at !== null ? `diverges at step ${s.diverged_at}`
  : `ends at ${objective === 'heldout' ? 'held-out loss ' : ''}${fmt(objective === 'heldout' ? s.heldout_loss : s.final_loss)}`);
const factor = (f) => (f < 1 ? '×0.8' : '×1.25');

// The sweep's pick at its range's end, its neighbour beyond ending lower
// (web/sweep.js outsideRange): a sentence; '' when it is not. listed: the
// neighbour's loss is said beside it already.
export function outsideText(outside, objective, { listed = false } = {}) {
  if (!outside) return '';
  const { side, edge, neighbour: n } = outside;
  return ` It is the ${side === 'above' ? 'largest' : 'smallest'} rate the sweep ran, and ${factor(n.factor)}` +
    `${listed ? ' ends lower still' : ` (lr ${fmt(n.lr)}) ${ends(n, objective)}`}: the best rate may lie ${side} ${fmt(edge)}.`;
}

// A fragile rate, in a sentence: "lr 0.0022 ends at 0.0078, but ×1.25 (lr
// 0.0028) diverges at step 9".
export function fragileText(f, objective) {
  return `lr ${fmt(f.lr)} ${ends(f, objective)}, but ${factor(f.neighbour.factor)} (lr ${fmt(f.neighbour.lr)}) ${ends(f.neighbour, objective)}`;
}

// The recommended rate: the robust pick of the sweep or tuning with the
// lower score (the sweep on a tie), else a pick that is not robust, else
// the range test's default suggestion.
function choose(sweep, tune, find) {
  const whole = [['sweep', sweep], ['tuning', tune]].filter(([, r]) => r?.best);
  const robust = whole.filter(([, r]) => r.best.robust);
  const pool = robust.length ? robust : whole;
  if (pool.length) {
    const [source, r] = pool.reduce((a, b) => (score(b[1].best, b[1].objective) < score(a[1].best, a[1].objective) ? b : a));
    return { source, ...r.best, objective: r.objective };
  }
  const valley = find?.picks?.[find.default];
  return valley ? { source: 'range test', ...valley, robust: false, objective: 'final' } : null;
}

// On a surface, where no rate of the sweep ends near the lowest loss there
// is (every rate stops at a saddle or a local minimum, or crawls): a sentence.
function farNote(preset, sweep) {
  const min = SURFACE_MIN[preset.problem];
  const ok = sweep ? sweep.results.filter((r) => r.diverged_at === null && Number.isFinite(r.final_loss)) : [];
  if (min === undefined || !ok.length) return '';
  const lowest = Math.min(...ok.map((r) => r.final_loss));
  return lowest - min > 0.01 * Math.abs(ok[0].start_loss - min)
    ? ` No rate the sweep ran gets near this surface's lowest loss (${fmt(min)}) in ${preset.steps} steps.` : '';
}

function reasonFor(pick, preset, { sweep, tune }) {
  const steps = `${preset.steps} steps`;
  const near = pick.robust ? `; ${pick.neighbours.map((n) => `${factor(n.factor)} (lr ${fmt(n.lr)}) ${ends(n, pick.objective)}`).join(', ')}` : '';
  if (pick.source === 'sweep') {
    return `lr ${fmt(pick.lr)} ${ends(pick, pick.objective)} after ${steps}: the lowest ${NAMES[pick.objective]} of the ${sweep.results.length} rates the sweep ran whole` +
      (pick.robust ? ` whose neighbours hold${near}.` : '; no rate it checked keeps its neighbours converging, so move it with care.') +
      outsideText(sweep.outside, pick.objective, { listed: true });
  }
  if (pick.source === 'tuning') {
    const others = Object.entries(pick.settings).filter(([k]) => k !== 'lr').map(([k, v]) => `${k} ${typeof v === 'number' ? fmt(v) : v}`);
    return `lr ${fmt(pick.lr)}${others.length ? ` with ${others.join(', ')}` : ''} ${ends(pick, pick.objective)} after ${steps}: tuning's best of ${tune.history.filter((h) => h.budget === preset.steps).length} whole runs` +
      (pick.robust ? ` whose neighbours hold${near}.` : '; its neighbours do not hold, so move it with care.');
  }
  return `lr ${fmt(pick.lr)} ${ends(pick)} after ${steps}: the range test's default (valley). Run the sweep to check it, and its neighbours, over the whole run.`;
}

// Why 2 / λmax (edge) is not the answer for this preset.
function edgeText(preset, edge, sweep) {
  if (!Number.isFinite(edge)) return null;
  const head = `2/λmax at the start is ${fmt(edge)}`;
  if (preset.opt === 'adam' || preset.opt === 'adamw') return `${head}, but it bounds plain gradient descent only: ${preset.opt} divides each step by its gradients' running size, so its rates are on another scale.`;
  if (preset.opt === 'momentum' || preset.opt === 'nesterov') {
    return `${head}, but it bounds plain gradient descent only: with momentum ${fmt(preset.momentum)} the heavy ball's bound at the start is 2(1 + momentum)/λmax = ${fmt(edge * (1 + preset.momentum))}.`;
  }
  if (preset.wd > 0) return `${head}, without weight decay: weight decay ${fmt(preset.wd)} adds to the curvature and lowers the bound.`;
  const moves = preset.sched === 'constant' ? '' : ` The ${preset.sched} schedule changes the rate along the run, so the rate that meets the bound changes too.`;
  const over = sweep ? sweep.results.filter((r) => r.lr > edge) : [];
  const kept = over.filter((r) => r.diverged_at === null);
  // the rates above it that still converge, said only when there are some
  const converge = () => (over.length === 1 ? `The one rate the sweep ran above it (lr ${fmt(over[0].lr)}) still converges`
    : `${kept.length} of the sweep's ${over.length} rates above it still converge (up to lr ${fmt(Math.max(...kept.map((r) => r.lr)))})`);
  const evidence = !over.length ? '' : kept.length
    ? ` ${converge()}: the curvature changes along the path, so the bound holds at the start only.`
    : ` Every rate the sweep ran above it diverges, as the bound says.`;
  return `${head}: above it, the first steps of plain gradient descent overshoot and grow along the steepest direction.${evidence}${moves}`;
}

export function advise(preset, { find = null, sweep = null, tune = null, edge = NaN } = {}) {
  if (!find && !sweep && !tune) return null;
  const pick = choose(sweep, tune, find);
  const others = [];
  const valley = find?.picks?.[find.default];
  if (valley && pick?.source !== 'range test') {
    const side = !pick || valley.lr === pick.lr ? '.' : valley.lr < pick.lr
      ? ', so it tends to pick low: a cautious start, slower over the whole run.'
      : ', so it can pick a rate that a whole run does not survive as well.';
    others.push({ tool: 'range test', text: `Range test (valley): lr ${fmt(valley.lr)} ${ends(valley, pick?.objective)}. It grows the rate from ${fmt(FIND_DEFAULTS.start)} within one ${FIND_DEFAULTS.num}-step run and marks where the loss falls fastest; it never runs one rate for the whole ${preset.steps} steps${side}` });
  }
  if (sweep && pick?.source !== 'sweep') {
    others.push({ tool: 'sweep', text: sweep.best ? `Sweep: lr ${fmt(sweep.best.lr)} ${ends(sweep.best, sweep.objective)}${sweep.best.robust ? ', its neighbours holding' : ''}. It runs a fixed grid of ${sweep.results.length} rates, each whole.` : `Sweep: every rate it ran diverged.` });
  }
  if (tune && pick?.source !== 'tuning') {
    others.push({ tool: 'tuning', text: tune.best ? `Tuning: lr ${fmt(tune.best.lr)} ${ends(tune.best, tune.objective)}. It draws rates at random and stops most of them on short runs (successive halving), so it runs fewer rates whole than the sweep.` : 'Tuning: every trial diverged.' });
  }
  for (const f of sweep?.fragile ?? []) others.push({ tool: 'sweep', text: `Fragile: ${fragileText(f, sweep.objective)}.` });
  for (const f of tune?.fragile ?? []) others.push({ tool: 'tuning', text: `Fragile: ${fragileText(f, tune.objective)}.` });
  const e = edgeText(preset, edge, sweep);
  if (e) others.push({ tool: '2/λmax', text: e });
  return { pick, reason: pick ? reasonFor(pick, preset, { sweep, tune }) + farNote(preset, sweep) : 'Every rate the tools ran diverged.', others };
}
