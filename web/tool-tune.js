// tool-tune.js - "Tune": successive halving over the rate and, where they
// apply and are ticked, b1, b2, momentum and the schedule (web/tune.js) in
// the tools' helper worker; the optimization history (each evaluation's
// loss and the best so far) and the slice plot, as Optuna draws it: each
// evaluation's loss against each searched setting.
// Apply best loads the best's exact preset: the settings searched, as they
// ran. tuneTool({ apply, runTool }) → { button, search, cards,
// update(preset), last() }.
import { describeKey, ENUMS } from './preset.js';
import { OKABE_ITO } from './palette.js';
import { el } from './dom.js';
import { mantissa } from './ticks.js';
import { card, fmt, scatter } from './tool-chart.js';
import { fragileText } from './advice.js';

const TUNE = { trials: 24, method: 'halving' };
// The settings tuning may search beside the rate (each only where it applies).
const SEARCHABLE = ['lr', 'b1', 'b2', 'momentum', 'sched'];

// What tuning searches: the rate always, the others where they apply.
function searchChoice() {
  const boxes = Object.fromEntries(SEARCHABLE.map((k) => {
    const box = el('input', { type: 'checkbox', id: `tune-search-${k}`, value: k, checked: k === 'lr', disabled: k === 'lr' });
    return [k, { box, label: el('label', { className: 'tune-search-item' }, box, ` ${k}`) }];
  }));
  const group = el('span', { className: 'tune-search', id: 'tune-search', role: 'group', title: 'The settings tuning searches' },
    el('span', { className: 'tune-search-lede', textContent: 'search:' }), ...SEARCHABLE.map((k) => boxes[k].label));
  group.setAttribute('aria-label', 'Settings to tune');
  return {
    group,
    searched: () => SEARCHABLE.filter((k) => k === 'lr' || (!boxes[k].label.hidden && boxes[k].box.checked)),
    update: (p) => { for (const k of SEARCHABLE) boxes[k].label.hidden = !describeKey(k).applies(p); },
  };
}

export function tuneTool({ apply, runTool, done }) {
  const button = el('button', { type: 'button', id: 'tool-tune', textContent: 'Tune' });
  const search = searchChoice();
  const applyBest = el('button', { type: 'button', id: 'tune-apply', textContent: 'Apply best' });
  const note = el('p', { className: 'hint', id: 'tune-note' });
  const tuneCard = card('Tuning: best loss so far against trial', 'tune', 'Optimization history: loss of each trial and the best so far');
  tuneCard.append(el('div', { className: 'buttons' }, applyBest), note);
  const slices = el('div', { className: 'slices', id: 'slice-panels' });
  const sliceCard = el('figure', { className: 'card tool-card', id: 'slice-card', hidden: true },
    el('figcaption', {}, el('span', { className: 'title', textContent: 'Tuning: loss against each searched setting' })), slices);
  const chart = scatter(tuneCard.querySelector('canvas'), { xTitle: 'evaluation (rung by rung)', yTitle: 'loss', xLog: false });

  let tuned = null, lastTune = null, sliceCharts = [];
  function draw(r, base) {
    // log loss axes, unless a loss is not above 0 (wells, saddle)
    const log = r.history.every((h) => !Number.isFinite(h.loss) || h.loss > 0);
    const shown = (y) => Number.isFinite(y) && (!log || y > 0);
    tuned = r.best;
    lastTune = { ...r, base };
    tuneCard.hidden = false;
    chart.data.datasets = [
      { label: 'trial loss', data: r.history.map((h, i) => ({ x: i + 1, y: h.loss, tip: `trial ${h.trial}, lr ${fmt(h.settings.lr)}, ${h.budget} steps: ${fmt(h.loss)}` })).filter((d) => shown(d.y)), borderColor: '#888', backgroundColor: '#8884', pointRadius: 3 },
      { label: 'best so far', data: r.history.map((h, i) => ({ x: i + 1, y: h.best_so_far })).filter((d) => d.y !== null && shown(d.y)), showLine: true, stepped: true, pointRadius: 3, borderColor: OKABE_ITO.vermillion, borderWidth: 2 },
    ];
    Object.assign(chart.options.scales.y, { type: log ? 'logarithmic' : 'linear' });
    chart.options.scales.y.title.text = r.objective === 'heldout' ? 'held-out loss' : 'final loss';
    chart.update('none');
    for (const c of sliceCharts) c.destroy();
    slices.replaceChildren();
    sliceCharts = r.searched.map((k) => slice(slices, r, k, shown, log));
    sliceCard.hidden = false;
    applyBest.hidden = !tuned;
    if (tuned) applyBest.textContent = `Apply best: ${Object.entries(tuned.settings).map(([k, v]) => `${k} ${typeof v === 'number' ? fmt(v) : v}`).join(', ')}`;
    note.textContent = `${r.history.length} evaluations of ${TUNE.trials} trials: all on a short budget first, the best third on three times as many steps, and so on; the best so far counts only full-length runs. ` +
      (tuned ? `Its best, run again whole: ${r.objective === 'heldout' ? 'held-out' : 'final'} loss ${fmt(tuned.loss)}${tuned.robust ? '; at ×0.8 and ×1.25 the rate converges too' : '; no full-length trial checked keeps its neighbours converging'}.` : 'Every trial diverged.') +
      r.fragile.map((f) => ` Fragile: ${fragileText(f, r.objective)}.`).join('');
    done?.();
  }

  applyBest.addEventListener('click', () => tuned && apply(tuned.preset));
  button.addEventListener('click', () => runTool('tune', { opts: { ...TUNE, search: search.searched() } },
    `Tuning (${TUNE.trials} trials, successive halving)…`, 'Tuning failed', draw));
  return { button, search: search.group, cards: [tuneCard, sliceCard], update: search.update, last: () => lastTune };
}

// One panel of the slice plot, appended to `into`: x the setting k (log for
// lr, the schedule's names for sched), y each evaluation's loss (log); the
// full-length evaluations darker (a halving rung's loss is on fewer steps).
function slice(into, r, k, shown, log) {
  const rows = r.history.filter((h) => shown(h.loss));
  const maxBudget = Math.max(1, ...r.history.map((h) => h.budget));
  const canvas = el('canvas', { role: 'img', ariaLabel: `Loss of each evaluation against ${k}` });
  const panel = el('div', { className: 'slice-panel', id: `slice-${k}` }, el('div', { className: 'slice-box' }, canvas));
  panel.dataset.setting = k;
  into.append(panel);
  const names = k === 'sched' ? ENUMS.sched : null;
  const chart = scatter(canvas, { xTitle: k, yTitle: 'loss', xLog: k === 'lr', yLog: log });
  chart.options.plugins.legend.display = false;
  sliceAxis(chart.options.scales.x, k, rows.map((h) => h.settings[k]), names);
  const full = (h) => h.budget === maxBudget;
  chart.data.datasets = [{ label: k, data: rows.map((h) => ({ x: names ? names.indexOf(h.settings[k]) : h.settings[k], y: h.loss,
    tip: `trial ${h.trial}, ${h.budget} steps: ${k} ${names ? h.settings[k] : fmt(h.settings[k])}, loss ${fmt(h.loss)}` })),
  backgroundColor: rows.map((h) => (full(h) ? OKABE_ITO.blue : '#8888')), borderColor: rows.map((h) => (full(h) ? OKABE_ITO.blue : '#888')), pointRadius: 3 }];
  chart.update('none');
  return chart;
}

// The x axis of a slice: whole decades for lr, a grid line at each; the
// schedule's names for sched, all of them, turned upright to fit; four
// ticks at most for the others.
function sliceAxis(x, k, xs, names) {
  if (k === 'lr' && xs.length) {
    Object.assign(x, { min: 10 ** Math.floor(Math.log10(Math.min(...xs))), max: 10 ** Math.ceil(Math.log10(Math.max(...xs))) });
    x.grid = { color: (c) => (mantissa(c.tick.value) === 1 ? '#0000001a' : 'transparent') };
  } else if (names) { // a tick at each name's index (Chart.js would start them at min, -0.5), upright
    Object.assign(x, { min: -0.5, max: names.length - 0.5, afterBuildTicks: (scale) => { scale.ticks = names.map((_, value) => ({ value })); },
      ticks: { autoSkip: false, minRotation: 90, maxRotation: 90, font: { size: 10 }, callback: (v) => names[v] ?? '' } });
  } else if (k !== 'lr') Object.assign(x.ticks, { maxTicksLimit: 4 });
}
