// tool-sweep.js - "Sweep": the preset at 24 rates from 1e-5 to 10 on a pool
// of workers, each fed one rate at a time (web/sweep.js's sweepOne), then
// the neighbours of its pick (web/pick.js), with a progress bar and Cancel;
// final, best (and held-out) loss against rate, diverged runs as crosses
// above them, the recommended and the fragile rates marked, and small
// multiples of every run. A click on any of them loads its run's preset.
// sweepTool({ apply, busy, status, preset, done }) → { button, progress,
// card, markEdge(rate), last() }; preset() is the current preset, apply(text)
// loads a preset's link, done() says a sweep has finished.
import { SURFACES } from './preset.js';
import { driveAsync, sweepAdvice, sweepPresets } from './tools.js';
import { fragileText, outsideText } from './advice.js';
import { OKABE_ITO, ON_WHITE } from './palette.js';
import { el } from './dom.js';
import { ask, card, fmt, kill, scatter, spawn } from './tool-chart.js';
import { niceCeil } from './ticks.js';

const SWEEP = { from: 1e-5, to: 10, count: 24 };

export function sweepTool({ apply, busy, status, preset, done: finished }) {
  const button = el('button', { type: 'button', id: 'tool-sweep', textContent: 'Sweep' });
  const bar = el('progress', { id: 'sweep-bar', max: 1, value: 0, ariaLabel: 'Progress of the sweep' });
  const barText = el('span', { id: 'sweep-progress-text' });
  const cancel = el('button', { type: 'button', id: 'sweep-cancel', textContent: 'Cancel' });
  const progress = el('div', { className: 'progress', id: 'sweep-progress', hidden: true }, bar, barText, cancel);
  const note = el('p', { className: 'hint', id: 'sweep-note' });
  const sweepCard = card('Sweep: loss against rate', 'sweep', 'Final and best loss against learning rate; diverged runs as crosses');
  const multiples = el('div', { className: 'multiples', id: 'sweep-multiples' });
  sweepCard.append(note, multiples);
  const chart = scatter(sweepCard.querySelector('canvas'), { xTitle: 'learning rate', yTitle: 'loss', onClick: (p) => p.preset && apply(p.preset) });

  let lastSweep = null;
  const pool = sweepPool((done, n, what) => {
    bar.value = done / n;
    barText.textContent = `${what}: ${done} of ${n} runs`;
  });
  const stopPool = pool.stop;

  button.addEventListener('click', async () => {
    const base = preset();
    const n = Math.max(1, Math.min(4, navigator.hardwareConcurrency || 1, SWEEP.count));
    const mine = pool.start(n);
    busy(true);
    status.textContent = '';
    progress.hidden = false;
    const t0 = performance.now();
    try {
      const sweep = await pool.sweepAll(base, mine);
      if (!sweep) return;
      stopPool();
      progress.hidden = true;
      lastSweep = { ...sweep, base };
      drawMultiples(multiples, sweep, SURFACES.includes(base.problem), apply);
      sweepCard.hidden = false;
      drawSweep(chart, note, sweep, performance.now() - t0, n);
      finished?.();
    } catch (e) {
      if (!pool.current(mine)) return;
      stopPool();
      progress.hidden = true;
      status.textContent = `The sweep failed: ${e.message}`;
    } finally {
      if (pool.current(mine)) busy(false);
    }
  });
  cancel.addEventListener('click', () => {
    pool.cancel();
    progress.hidden = true;
    status.textContent = 'Sweep cancelled.';
    busy(false);
  });

  // The dashed line at 2 / λmax (NaN: none); a hidden chart draws it when shown.
  function markEdge(rate) {
    if (Object.is(chart.options.plugins.edge?.value, rate)) return;
    chart.options.plugins.edge = { value: rate, label: '2/λmax at the start: plain GD overshoots above this' };
    if (!sweepCard.hidden) chart.update('none');
  }

  return { button, progress, card: sweepCard, markEdge, last: () => lastSweep };
}

// A pool of sweep workers: start(n) ends what runs and spawns n, returning
// the sweep's token; sweepAll(base, token) runs the sweep's presets, then the
// checks of its pick (web/pick.js), each preset on the next free worker,
// reporting counted(done, n, what); null once cancelled or started again.
function sweepPool(counted) {
  let workers = [], token = 0;
  const stop = () => { for (const w of workers) kill(w); workers = []; };
  // Every preset's run, in order; null once cancelled.
  async function runAll(presets, mine, what) {
    const results = new Array(presets.length);
    let next = 0, done = 0;
    counted(0, presets.length, what);
    const drive = async (w) => {
      while (next < presets.length && mine === token) {
        const i = next++;
        results[i] = await ask(w, 'sweep', { preset: presets[i] });
        if (mine !== token) return;
        counted(++done, presets.length, what);
      }
    };
    await Promise.all(workers.map(drive));
    return mine === token ? results : null;
  }
  async function sweepAll(base, mine) {
    const results = await runAll(sweepPresets(base, SWEEP), mine, 'the sweep');
    if (!results) return null;
    let checks = 0;
    const advice = await driveAsync(sweepAdvice(base, results), async (ps) => {
      checks += ps.length;
      const r = await runAll(ps, mine, 'checking the pick\'s neighbours');
      if (!r) throw new Error('cancelled');
      return r;
    }).catch((e) => { if (mine === token) throw e; return null; });
    return advice && { results, ...advice, checks };
  }
  return {
    start(n) {
      stop();
      workers = Array.from({ length: n }, spawn);
      return ++token;
    },
    sweepAll, stop,
    cancel() { token++; stop(); },
    current: (mine) => mine === token,
  };
}

// The sweep's chart and the note under it. Every point carries the preset
// of its run: a click loads it.
function drawSweep(chart, note, { results, objective, best, fragile, checks, outside }, ms, n) {
  const ok = results.filter((r) => r.diverged_at === null);
  const bad = results.filter((r) => r.diverged_at !== null);
  const key = objective === 'heldout' ? 'heldout_loss' : 'final_loss';
  const ys = results.flatMap((r) => [r.best_loss, r.diverged_at === null ? r.final_loss : NaN, r.diverged_at === null ? r.heldout_loss : NaN])
    .filter((y) => Number.isFinite(y));
  // a log loss axis, unless a loss is not above 0 (a surface whose minimum
  // is below 0: wells, saddle), which only a linear one can show
  const log = ys.every((y) => y > 0);
  const [lo, hi] = ys.length ? [Math.min(...ys), Math.max(...ys)] : [1e-12, 1];
  const top = log ? Math.max(hi, 1e-12) * 100 : hi + 0.15 * (hi - lo || 1); // the crosses, above every loss
  // (a linear axis ends at the first round number above the crosses)
  Object.assign(chart.options.scales.y, { type: log ? 'logarithmic' : 'linear', max: log ? top : niceCeil(top, hi - lo) });
  const shown = (y) => Number.isFinite(y) && (!log || y > 0);
  const at = (rows, k, tip) => rows.filter((r) => shown(r[k])).map((r) => ({ x: r.lr, y: r[k], preset: r.preset, tip: tip?.(r) }));
  const series = (label, data, colour, extra = {}) => ({ label, data, borderColor: colour, backgroundColor: colour, ...extra });
  chart.data.datasets = [
    series('final loss', at(ok, 'final_loss'), OKABE_ITO.blue, { showLine: true, pointRadius: 4 }),
    ...(objective === 'heldout' ? [series('held-out loss', at(ok, 'heldout_loss'), ON_WHITE.orange, { showLine: true, pointRadius: 3, pointStyle: 'triangle' })] : []),
    series('best loss', at(results, 'best_loss'), OKABE_ITO.green, { showLine: true, borderDash: [5, 3], pointRadius: 3 }),
    series('diverged', bad.map((r) => ({ x: r.lr, y: top, preset: r.preset, tip: `lr ${fmt(r.lr)} diverged at step ${r.diverged_at}` })), '#c00',
      { pointStyle: 'crossRot', pointRadius: 7, borderWidth: 2, clip: false }),
    series('recommended', best ? at([best], key, (r) => `recommended: lr ${fmt(r.lr)}, ${key === 'heldout_loss' ? 'held-out' : 'final'} loss ${fmt(r[key])}`) : [], '#000',
      { pointStyle: 'circle', pointRadius: 9, borderWidth: 2.5, backgroundColor: 'transparent' }),
    ...(fragile.length ? [series('fragile', at(fragile, key, (f) => `fragile: ${fragileText(f, objective)}`), OKABE_ITO.purple,
      { pointStyle: 'rectRot', pointRadius: 8, borderWidth: 2, backgroundColor: 'transparent' })] : []),
  ].filter((d) => d.data.length); // the legend names only what is drawn
  chart.update('none');
  const worse = objective === 'heldout' ? 'held-out loss' : 'final loss';
  note.textContent = `${results.length} rates and ${checks} checks in ${(ms / 1000).toFixed(2)} s on ${n} worker${n > 1 ? 's' : ''}; ` +
    `${bad.length} diverged${bad.length ? ` (from lr ${fmt(Math.min(...bad.map((r) => r.lr)))})` : ''}. ` +
    (best ? `Recommended: lr ${fmt(best.lr)}, ${worse} ${fmt(best[key])}` +
      (best.robust ? `, and ×0.8 and ×1.25 converge too.${outsideText(outside, objective)} ` : ', though no rate checked keeps its neighbours converging. ') : 'Every rate diverged. ') +
    fragile.map((f) => `Fragile: ${fragileText(f, objective)}. `).join('') + 'Click a point to load its run.';
}

// Small multiples: each run's loss curve (log y, one scale for all) and,
// for surfaces, its path (one box for all), on plain 2-D canvases; a click
// on one loads its rate.
function drawMultiples(into, { results }, surface, apply) {
  const W = surface ? 150 : 96, H = 56, dpr = Math.min(2, window.devicePixelRatio || 1);
  const frame = {
    W, H, dpr, lw: surface ? H : W, // the loss panel: a square on surfaces
    steps: Math.max(1, ...results.map((r) => r.loss_step.at(-1) ?? 0)),
    logRange: logRange(results), box: surface ? pathBox(results) : null,
  };
  into.replaceChildren(...results.map((r) => {
    const bad = r.diverged_at !== null;
    const b = el('button', { type: 'button', className: `multiple${bad ? ' diverged' : ''}`,
      title: `lr ${fmt(r.lr)}: ${bad ? `diverged at step ${r.diverged_at}` : `final loss ${fmt(r.final_loss)}`}. Click to load this run.` },
    multiple(r, frame), el('span', { className: 'multiple-label', textContent: `lr ${fmt(r.lr)}${bad ? ' ✕ diverged' : ''}` }));
    b.dataset.lr = String(r.lr);
    b.dataset.preset = r.preset;
    b.addEventListener('click', () => apply(r.preset));
    return b;
  }));
}

// [lo, hi] of log10(loss) over all runs: from the lowest positive loss to
// ten times the start.
function logRange(results) {
  const pos = results.flatMap((r) => r.loss.filter((v) => Number.isFinite(v) && v > 0));
  const start = results[0]?.loss[0];
  const lo = Math.log10(pos.length ? Math.min(...pos) : 1e-12);
  const hi = Math.log10(Number.isFinite(start) && start > 0 ? start * 10 : Math.max(...pos, 1));
  return hi > lo ? [lo, hi] : [lo, lo + 1];
}

// [ax, bx, ay, by]: the paths' box, over runs that did not diverge (else
// all), padded.
function pathBox(results) {
  const steady = results.filter((r) => r.diverged_at === null);
  const xy = (steady.length ? steady : results).flatMap((r) => r.path).filter(([a, b]) => Number.isFinite(a) && Number.isFinite(b));
  if (!xy.length) return [0, 1, 0, 1];
  const ext = (i) => {
    const v = xy.map((q) => q[i]);
    const a = Math.min(...v), b = Math.max(...v), pad = 0.08 * (b - a || 1);
    return [a - pad, b + pad];
  };
  return [...ext(0), ...ext(1)];
}

// One run's canvas: its loss panel and, on surfaces, its path beside it.
function multiple(r, { W, H, dpr, lw, steps, logRange: [lo, hi], box }) {
  const c = el('canvas', { width: Math.round(W * dpr), height: Math.round(H * dpr) });
  c.style.width = `${W}px`;
  c.style.height = `${H}px`;
  const ctx = c.getContext('2d');
  ctx.scale(dpr, dpr);
  const bad = r.diverged_at !== null;
  const losses = r.loss.map((v, i) => (v > 0 && Number.isFinite(v)
    ? [2 + ((lw - 4) * r.loss_step[i]) / steps, Math.max(-1e4, H - 2 - ((H - 4) * (Math.log10(v) - lo)) / (hi - lo))] : null));
  panel(ctx, 0, lw, H, losses, bad ? '#c00' : OKABE_ITO.blue, 1.5);
  if (box) {
    const [ax, bx, ay, by] = box, x0 = lw + 4, pw = W - x0;
    const clamp = (v) => Math.max(-1e4, Math.min(1e4, v));
    const path = r.path.map(([a, b]) => (Number.isFinite(a) && Number.isFinite(b)
      ? [clamp(x0 + 2 + ((pw - 4) * (a - ax)) / (bx - ax)), clamp(H - 2 - ((H - 4) * (b - ay)) / (by - ay))] : null));
    panel(ctx, x0, pw, H, path, bad ? '#c00' : OKABE_ITO.vermillion, 1.2);
  }
  return c;
}

// A framed panel at x0, w wide, with a line through pts ([x, y] in pixels;
// null breaks it), clipped to the frame.
function panel(ctx, x0, w, H, pts, colour, width) {
  ctx.strokeStyle = '#ccc';
  ctx.lineWidth = 1;
  ctx.strokeRect(x0 + 0.5, 0.5, w - 1, H - 1);
  ctx.save();
  ctx.beginPath();
  ctx.rect(x0 + 1, 1, w - 2, H - 2);
  ctx.clip();
  ctx.beginPath();
  let pen = false;
  for (const p of pts) {
    if (p && pen) ctx.lineTo(...p);
    else if (p) ctx.moveTo(...p);
    pen = p !== null;
  }
  ctx.strokeStyle = colour;
  ctx.lineWidth = width;
  ctx.stroke();
  ctx.restore();
}
