// tools-panel.js - the page's learning-rate tools (web/tools.js), every one
// in Web Workers (web/worker.js): the range test, the sweep (a pool of
// workers, each with its own core, cancellable) and tuning, each with its
// Chart.js plot; 2 / lambda_max at the start marked on the sweep plot and
// beside the learning-rate sliders; small multiples of the sweep's runs;
// sharpness along the run against 2 / lr_t (the edge of stability).
// buildToolsPanel(root, { apply }) →
// update(preset, run): call it after every run (run: a surface's run, else null).
import { canonicalize, describeKey, ENUMS, SURFACES } from './preset.js';
import { sweepPresets } from './tools.js';
import { short } from './ticks.js';
import { OKABE_ITO } from './contour.js';
import { spawnWorker } from './spawn.js';
import { el } from './dom.js';

import { Chart } from './chart.js';
const SWEEP = { from: 1e-5, to: 10, count: 24 };
const TUNE = { trials: 24, method: 'halving' };
// The settings tuning may search beside the rate (each only where it applies).
const SEARCHABLE = ['lr', 'b1', 'b2', 'momentum', 'sched'];

// Every worker this module starts, while it lives; window.lrpToolWorkers
// reads the count (the browser test checks a cancel leaves none).
const live = new Set();
Object.defineProperty(window, 'lrpToolWorkers', { get: () => live.size, configurable: false });

function spawn() {
  const w = spawnWorker();
  live.add(w);
  return w;
}
function kill(w) {
  w.terminate();
  live.delete(w);
}

// One request to worker w: { [kind]: id, ...body } → a promise of the result.
let nextId = 1;
function ask(w, kind, body) {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    const done = () => {
      w.removeEventListener('message', onMessage);
      w.removeEventListener('error', onError);
    };
    const onMessage = ({ data }) => {
      if (data.id !== id) return;
      done();
      if (data.error !== undefined) reject(new Error(data.error));
      else resolve(data.result);
    };
    const onError = (e) => {
      e.preventDefault();
      done();
      reject(new Error(e.message ?? 'the worker failed'));
    };
    w.addEventListener('message', onMessage);
    w.addEventListener('error', onError);
    w.postMessage({ [kind]: id, ...body });
  });
}

const fmt = (x) => (!Number.isFinite(x) ? 'not finite'
  : x !== 0 && (Math.abs(x) < 1e-3 || Math.abs(x) >= 1e5) ? x.toExponential(2).replace(/\.?0+e/, 'e') : String(Number(x.toPrecision(3))));

// A vertical line at x = this.edge on a chart, labelled (a Chart.js plugin).
const edgeLine = {
  id: 'edge',
  afterDatasetsDraw(chart, _args, opts) {
    const x = opts?.value;
    const { scales: { x: sx }, chartArea: a, ctx } = chart;
    if (!Number.isFinite(x) || x < sx.min || x > sx.max) return;
    const px = sx.getPixelForValue(x);
    ctx.save();
    ctx.strokeStyle = OKABE_ITO.vermillion ?? '#d55e00';
    ctx.setLineDash([5, 4]);
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    ctx.moveTo(px, a.top);
    ctx.lineTo(px, a.bottom);
    ctx.stroke();
    ctx.font = '11px system-ui, sans-serif';
    const text = opts.label;
    const w = ctx.measureText(text).width;
    const right = px + 6 + w <= a.right;
    const tx = right ? px + 6 : Math.max(a.left + 2, px - 6 - w), ty = a.top + 30;
    ctx.fillStyle = 'rgba(255,255,255,.9)';
    ctx.fillRect(tx - 3, ty - 11, w + 6, 15);
    ctx.fillStyle = ctx.strokeStyle;
    ctx.fillText(text, tx, ty);
    ctx.restore();
  },
};

function logTick(value) {
  const v = Number(value);
  const m = Math.round(v / 10 ** Math.floor(Math.log10(v) + 1e-9));
  return m === 1 ? short(v) : '';
}

function scatter(canvas, { xTitle, yTitle, xLog = true, yLog = true, onClick = null }) {
  return new Chart(canvas, {
    type: 'scatter',
    data: { datasets: [] },
    plugins: [edgeLine],
    options: {
      animation: false,
      parsing: false,
      responsive: true,
      maintainAspectRatio: false,
      scales: {
        x: { type: xLog ? 'logarithmic' : 'linear', title: { display: true, text: xTitle }, ticks: { maxRotation: 0, callback: xLog ? logTick : undefined, autoSkip: true } },
        y: { type: yLog ? 'logarithmic' : 'linear', title: { display: true, text: yTitle }, ticks: { callback: yLog ? logTick : undefined } },
      },
      plugins: {
        edge: { value: NaN, label: '' },
        legend: { display: true, labels: { usePointStyle: true, boxWidth: 8, boxHeight: 8, font: { size: 11 } } },
        tooltip: { callbacks: { label: (i) => `${i.dataset.label}: ${i.raw.tip ?? `lr ${fmt(i.raw.x)}, ${fmt(i.raw.y)}`}` } },
      },
      onClick: onClick && ((ev, _els, chart) => {
        const [hit] = chart.getElementsAtEventForMode(ev, 'nearest', { intersect: false, axis: 'x' }, false);
        if (hit) onClick(chart.data.datasets[hit.datasetIndex].data[hit.index]);
      }),
      onHover: onClick && ((ev, els) => { ev.native.target.style.cursor = els.length ? 'pointer' : 'crosshair'; }),
    },
  });
}

function card(title, id, label, extra = []) {
  return el('figure', { className: 'card tool-card', id: `${id}-card`, hidden: true },
    el('figcaption', {}, el('span', { className: 'title', textContent: title }), ...extra),
    el('div', { className: 'chart-box' }, el('canvas', { id: `${id}-chart`, role: 'img', ariaLabel: label })));
}

export function buildToolsPanel(root, { apply }) {
  let preset = null, run = null, edge = NaN, edgeKey = '';
  let helper = null; // the worker for find, tune and data problems' sharpness
  const helperWorker = () => (helper ??= spawn());

  const findBtn = el('button', { type: 'button', id: 'tool-find', textContent: 'Find a rate' });
  const sweepBtn = el('button', { type: 'button', id: 'tool-sweep', textContent: 'Sweep' });
  const tuneBtn = el('button', { type: 'button', id: 'tool-tune', textContent: 'Tune' });
  const edgeBtn = el('button', { type: 'button', id: 'tool-edge', textContent: 'Sharpness along the run' });
  const status = el('span', { className: 'tool-status', id: 'tool-status', role: 'status' });
  const toolCancel = el('button', { type: 'button', id: 'tool-cancel', textContent: 'Cancel', hidden: true });
  const bar = el('progress', { id: 'sweep-bar', max: 1, value: 0 });
  bar.setAttribute('aria-label', 'Progress of the sweep');
  const barText = el('span', { id: 'sweep-progress-text' });
  const cancelBtn = el('button', { type: 'button', id: 'sweep-cancel', textContent: 'Cancel' });
  const progress = el('div', { className: 'progress', id: 'sweep-progress', hidden: true }, bar, barText, cancelBtn);

  const findApply = el('div', { className: 'buttons suggestions', id: 'find-apply' });
  const findCard = card('Range test: smoothed loss against rate', 'find', 'Smoothed loss against learning rate, with the suggested rates');
  findCard.append(findApply, el('p', { className: 'hint', id: 'find-note' }));
  const sweepNote = el('p', { className: 'hint', id: 'sweep-note' });
  const sweepCard = card('Sweep: loss against rate', 'sweep', 'Final and best loss against learning rate; diverged runs as crosses');
  const multiples = el('div', { className: 'multiples', id: 'sweep-multiples' });
  sweepCard.append(sweepNote, multiples);
  const tuneApply = el('button', { type: 'button', id: 'tune-apply', textContent: 'Apply best' });
  const tuneCard = card('Tuning: best loss so far against trial', 'tune', 'Optimization history: loss of each trial and the best so far');
  tuneCard.append(el('div', { className: 'buttons' }, tuneApply), el('p', { className: 'hint', id: 'tune-note' }));
  // The slice plot (as Optuna draws it): each evaluation's loss against each searched setting.
  const slices = el('div', { className: 'slices', id: 'slice-panels' });
  const sliceCard = el('figure', { className: 'card tool-card', id: 'slice-card', hidden: true },
    el('figcaption', {}, el('span', { className: 'title', textContent: 'Tuning: loss against each searched setting' })), slices);
  // What tuning searches: the rate always, the others where they apply.
  const searchBoxes = Object.fromEntries(SEARCHABLE.map((k) => {
    const box = el('input', { type: 'checkbox', id: `tune-search-${k}`, value: k, checked: k === 'lr', disabled: k === 'lr' });
    return [k, { box, label: el('label', { className: 'tune-search-item' }, box, ` ${k}`) }];
  }));
  const searchChoice = el('span', { className: 'tune-search', id: 'tune-search', role: 'group', title: 'The settings tuning searches' },
    el('span', { className: 'tune-search-lede', textContent: 'search:' }), ...SEARCHABLE.map((k) => searchBoxes[k].label));
  searchChoice.setAttribute('aria-label', 'Settings to tune');
  const searched = () => SEARCHABLE.filter((k) => k === 'lr' || (!searchBoxes[k].label.hidden && searchBoxes[k].box.checked));

  const edgeCard = card('Edge of stability: sharpness against step', 'edge', 'Sharpness (top Hessian eigenvalue) along the run, and 2 / lr at each step');
  edgeCard.append(el('p', { className: 'hint', id: 'edge-note', textContent: 'Plain gradient descent is stable while sharpness stays below 2/lr (momentum and adaptive optimizers have other limits).' }));

  root.append(
    el('h2', { id: 'tools-title', textContent: 'Learning-rate tools' }),
    el('p', { className: 'hint tools-lede', textContent: 'Each runs the current setting in background workers: the range test grows the rate until the loss blows up; the sweep runs 24 rates from 1e-5 to 10; tuning searches the rate by successive halving.' }),
    el('div', { className: 'buttons' }, findBtn, sweepBtn, tuneBtn, searchChoice, edgeBtn, toolCancel, status),
    progress,
    el('div', { className: 'charts tool-charts' }, findCard, sweepCard, tuneCard, sliceCard, edgeCard),
  );

  const findChart = scatter(findCard.querySelector('canvas'), { xTitle: 'learning rate', yTitle: 'smoothed loss', yLog: false, onClick: null });
  const sweepChart = scatter(sweepCard.querySelector('canvas'), { xTitle: 'learning rate', yTitle: 'loss', onClick: (p) => apply(p.x) });
  const tuneChart = scatter(tuneCard.querySelector('canvas'), { xTitle: 'evaluation (rung by rung)', yTitle: 'loss', xLog: false });
  const edgeChart = scatter(edgeCard.querySelector('canvas'), { xTitle: 'step', yTitle: 'sharpness λmax and 2 / lr', xLog: false });
  edgeChart.options.scales.y.ticks.callback = (value) => {
    const v = Number(value), m = Math.round(v / 10 ** Math.floor(Math.log10(v) + 1e-9));
    return [1, 2, 5].includes(m) && Math.abs(v / (m * 10 ** Math.floor(Math.log10(v) + 1e-9)) - 1) < 1e-6 ? short(v) : '';
  };

  // 2 / lambda_max beside the sliders.
  const markers = [];
  for (const id of ['lr-slider', 'bar-lr-slider']) {
    const slider = document.getElementById(id);
    if (!slider) continue;
    const m = el('span', { className: 'lr-edge', id: id === 'lr-slider' ? 'lr-edge' : 'bar-lr-edge', hidden: true });
    m.title = '2 / λmax at the start: plain gradient descent diverges above about this rate here';
    (id === 'lr-slider' ? slider.parentElement : slider.parentElement).append(m);
    markers.push(m);
  }
  const showEdge = () => {
    for (const m of markers) {
      m.hidden = !Number.isFinite(edge);
      m.textContent = `GD stable below ${fmt(edge)}`;
    }
    sweepChart.options.plugins.edge = { value: edge, label: '2/λmax: plain GD diverges above this' };
    sweepChart.update('none');
  };

  const busy = (on) => { for (const b of [findBtn, sweepBtn, tuneBtn, edgeBtn]) b.disabled = on; };

  // One tool in the helper worker: the buttons wait, a result for a preset
  // that has changed meanwhile is dropped, a failure is said in `status`.
  // Cancel ends the helper worker (whatever it computes) and the wait.
  let cancelTool = null;
  const CANCELLED = Symbol('cancelled');
  toolCancel.addEventListener('click', () => {
    if (helper) kill(helper);
    helper = null;
    cancelTool?.();
  });
  const runTool = async (kind, message, doing, failed, draw) => {
    busy(true);
    status.textContent = doing;
    toolCancel.hidden = false;
    const p = preset;
    try {
      const cancelled = new Promise((resolve) => { cancelTool = () => resolve(CANCELLED); });
      const r = await Promise.race([ask(helperWorker(), kind, { preset: p, ...message }), cancelled]);
      if (r === CANCELLED) return void (status.textContent = 'Cancelled.');
      if (p !== preset) return void (status.textContent = 'The setting changed meanwhile: press the button again.');
      draw(r);
      status.textContent = '';
    } catch (e) {
      status.textContent = `${failed}: ${e.message}`;
    } finally {
      busy(false);
      toolCancel.hidden = true;
      cancelTool = null;
    }
  };

  edgeBtn.addEventListener('click', () => runTool('edge', {}, 'Measuring sharpness along the run…', 'Measuring sharpness failed', drawEdge));
  function drawEdge(r) {
    edgeCard.hidden = false;
    const pts = (ys, name) => r.step.map((x, i) => ({ x, y: ys[i], tip: `step ${x}: ${name} ${fmt(ys[i])}` }))
      .filter((d) => Number.isFinite(d.y) && d.y > 0);
    const few = r.step.length <= 60;
    edgeChart.data.datasets = [
      { label: 'sharpness λmax', data: pts(r.sharpness, 'λmax'), showLine: true, pointRadius: few ? 3 : 0, borderWidth: 2, borderColor: OKABE_ITO.blue, backgroundColor: OKABE_ITO.blue },
      { label: '2 / lr', data: pts(r.two_over_lr, '2 / lr'), showLine: true, pointRadius: 0, borderWidth: 2, borderDash: [6, 3], borderColor: OKABE_ITO.vermillion ?? '#d55e00', backgroundColor: OKABE_ITO.vermillion ?? '#d55e00' },
    ];
    // a log axis at least a factor 4 wide, so a flat line is not a wall of ticks
    const ys = edgeChart.data.datasets.flatMap((d) => d.data.map((q) => q.y));
    const [lo, hi] = ys.length ? [Math.min(...ys), Math.max(...ys)] : [1, 10];
    const pad = Math.max(1.25, Math.sqrt(4 / (hi / lo)));
    Object.assign(edgeChart.options.scales.y, { min: lo / pad, max: hi * pad });
    edgeChart.update('none');
  }

  findBtn.addEventListener('click', () => runTool('find', {}, 'Finding a rate…', 'The range test failed', drawFind));

  const NAMES = { valley: 'valley (default)', minimum: 'minimum ÷ 10', steep: 'steepest', slide: 'slide' };
  const COLOURS = { valley: OKABE_ITO.vermillion ?? '#d55e00', minimum: OKABE_ITO.green ?? '#009e73', steep: OKABE_ITO.purple ?? '#cc79a7', slide: OKABE_ITO.orange ?? '#e69f00' };
  const STYLES = { valley: 'circle', minimum: 'triangle', steep: 'rectRot', slide: 'rect' };
  function drawFind(r) {
    findCard.hidden = false;
    const sets = [{ label: 'smoothed loss', data: r.lrs.map((x, i) => ({ x, y: r.losses[i] })).filter((d) => Number.isFinite(d.y)),
      showLine: true, pointRadius: 0, borderColor: OKABE_ITO.blue, backgroundColor: OKABE_ITO.blue, borderWidth: 2 }];
    findApply.replaceChildren();
    for (const [name, lr] of Object.entries(r.suggestions)) {
      if (lr === null) continue;
      const [px, py] = r.points[name];
      sets.push({ label: NAMES[name], data: [{ x: px, y: py, tip: `suggests lr ${fmt(lr)}` }], pointRadius: 7, pointStyle: STYLES[name],
        borderColor: '#000', backgroundColor: COLOURS[name] });
      const b = el('button', { type: 'button', className: `apply-${name}`, textContent: `Use ${NAMES[name]}: ${fmt(lr)}` });
      b.dataset.lr = String(lr);
      b.addEventListener('click', () => apply(Number(lr.toPrecision(4))));
      findApply.append(b);
    }
    findChart.data.datasets = sets;
    findChart.update('none');
    findCard.querySelector('#find-note').textContent = `The rate grew from 1e-7 by ×${fmt(r.preset.gamma)} per step` +
      (r.stopped_at === null ? '.' : `; stopped at step ${r.stopped_at}, once the loss blew up.`);
  }

  // The sweep: a pool of workers, each fed one rate at a time.
  let pool = [];
  const stopPool = () => { for (const w of pool) kill(w); pool = []; };
  let sweepToken = 0;
  cancelBtn.addEventListener('click', () => {
    sweepToken++;
    stopPool();
    progress.hidden = true;
    status.textContent = 'Sweep cancelled.';
    busy(false);
  });
  sweepBtn.addEventListener('click', async () => {
    const token = ++sweepToken;
    const presets = sweepPresets(preset, SWEEP);
    const results = new Array(presets.length);
    const n = Math.max(1, Math.min(4, navigator.hardwareConcurrency || 1, presets.length));
    stopPool();
    pool = Array.from({ length: n }, spawn);
    busy(true);
    status.textContent = '';
    progress.hidden = false;
    bar.value = 0;
    barText.textContent = `0 of ${presets.length} runs`;
    let next = 0, done = 0;
    const t0 = performance.now();
    const drive = async (w) => {
      while (next < presets.length && token === sweepToken) {
        const i = next++;
        results[i] = await ask(w, 'sweep', { preset: presets[i] });
        if (token !== sweepToken) return;
        bar.value = ++done / presets.length;
        barText.textContent = `${done} of ${presets.length} runs`;
      }
    };
    try {
      await Promise.all(pool.map(drive));
      if (token !== sweepToken) return;
      stopPool();
      progress.hidden = true;
      drawSweep(results, performance.now() - t0, n, SURFACES.includes(presets[0].problem));
    } catch (e) {
      if (token !== sweepToken) return;
      stopPool();
      progress.hidden = true;
      status.textContent = `The sweep failed: ${e.message}`;
    } finally {
      if (token === sweepToken) busy(false);
    }
  });

  let lastSweep = null;
  function drawSweep(results, ms, n, surface) {
    lastSweep = results;
    drawMultiples(results, surface);
    sweepCard.hidden = false;
    const ok = results.filter((r) => r.diverged_at === null);
    const bad = results.filter((r) => r.diverged_at !== null);
    const ys = results.flatMap((r) => [r.best_loss, r.diverged_at === null ? r.final_loss : NaN]).filter((y) => Number.isFinite(y) && y > 0);
    const top = Math.max(...ys, 1e-12) * 100; // the crosses, above every loss
    sweepChart.options.scales.y.max = top;
    sweepChart.data.datasets = [
      { label: 'final loss', data: ok.filter((r) => r.final_loss > 0).map((r) => ({ x: r.lr, y: r.final_loss })), showLine: true, borderColor: OKABE_ITO.blue, backgroundColor: OKABE_ITO.blue, pointRadius: 4 },
      { label: 'best loss', data: results.filter((r) => r.best_loss > 0).map((r) => ({ x: r.lr, y: r.best_loss })), showLine: true, borderColor: OKABE_ITO.green ?? '#009e73', backgroundColor: OKABE_ITO.green ?? '#009e73', borderDash: [5, 3], pointRadius: 3 },
      { label: 'diverged', data: bad.map((r) => ({ x: r.lr, y: top, tip: `lr ${fmt(r.lr)} diverged at step ${r.diverged_at}` })), pointStyle: 'crossRot', pointRadius: 7, borderWidth: 2, clip: false, borderColor: '#c00', backgroundColor: '#c00' },
    ];
    sweepChart.update('none');
    const best = ok.reduce((a, r) => (a === null || r.final_loss < a.final_loss ? r : a), null);
    sweepNote.textContent = `${results.length} runs in ${(ms / 1000).toFixed(2)} s on ${n} worker${n > 1 ? 's' : ''}; ` +
      `${bad.length} diverged${bad.length ? ` (from lr ${fmt(Math.min(...bad.map((r) => r.lr)))})` : ''}; ` +
      (best ? `lowest final loss ${fmt(best.final_loss)} at lr ${fmt(best.lr)}. ` : '') + 'Click a point to load its rate.';
  }

  // Small multiples: each run's loss curve (log y, one scale for all) and,
  // for surfaces, its path (one box for all), on plain 2-D canvases.
  function drawMultiples(results, surface) {
    const pos = results.flatMap((r) => r.loss.filter((v) => Number.isFinite(v) && v > 0));
    const start = results[0]?.loss[0];
    let lo = Math.log10(pos.length ? Math.min(...pos) : 1e-12);
    let hi = Math.log10(Number.isFinite(start) && start > 0 ? start * 10 : Math.max(...pos, 1));
    if (!(hi > lo)) hi = lo + 1;
    // the path box: over runs that did not diverge (else all), padded
    const steady = results.filter((r) => r.diverged_at === null);
    const xy = (surface ? (steady.length ? steady : results) : []).flatMap((r) => r.path).filter(([a, b]) => Number.isFinite(a) && Number.isFinite(b));
    const ext = (i) => {
      const v = xy.map((q) => q[i]);
      const a = Math.min(...v), b = Math.max(...v), pad = 0.08 * (b - a || 1);
      return [a - pad, b + pad];
    };
    const [ax, bx] = xy.length ? ext(0) : [0, 1], [ay, by] = xy.length ? ext(1) : [0, 1];
    const W = surface ? 150 : 96, H = 56, dpr = Math.min(2, window.devicePixelRatio || 1);
    const steps = Math.max(1, ...results.map((r) => r.loss_step.at(-1) ?? 0));
    multiples.replaceChildren(...results.map((r) => {
      const c = el('canvas', { width: Math.round(W * dpr), height: Math.round(H * dpr) });
      c.style.width = `${W}px`;
      c.style.height = `${H}px`;
      const ctx = c.getContext('2d');
      ctx.scale(dpr, dpr);
      const bad = r.diverged_at !== null;
      const lw = surface ? H : W; // the loss panel: a square on surfaces
      ctx.strokeStyle = '#ccc';
      ctx.lineWidth = 1;
      ctx.strokeRect(0.5, 0.5, lw - 1, H - 1);
      ctx.save();
      ctx.beginPath();
      ctx.rect(1, 1, lw - 2, H - 2);
      ctx.clip();
      ctx.beginPath();
      let pen = false;
      r.loss.forEach((v, i) => {
        if (!(v > 0) || !Number.isFinite(v)) { pen = false; return; }
        const px = 2 + ((lw - 4) * r.loss_step[i]) / steps;
        const py = H - 2 - ((H - 4) * (Math.log10(v) - lo)) / (hi - lo);
        if (pen) ctx.lineTo(px, Math.max(-1e4, py)); else ctx.moveTo(px, Math.max(-1e4, py));
        pen = true;
      });
      ctx.strokeStyle = bad ? '#c00' : OKABE_ITO.blue;
      ctx.lineWidth = 1.5;
      ctx.stroke();
      ctx.restore();
      if (surface) {
        const x0 = lw + 4, pw = W - x0;
        ctx.strokeStyle = '#ccc';
        ctx.lineWidth = 1;
        ctx.strokeRect(x0 + 0.5, 0.5, pw - 1, H - 1);
        ctx.save();
        ctx.beginPath();
        ctx.rect(x0 + 1, 1, pw - 2, H - 2);
        ctx.clip();
        ctx.beginPath();
        let on = false;
        for (const [a, b] of r.path) {
          if (!Number.isFinite(a) || !Number.isFinite(b)) { on = false; continue; }
          const px = Math.max(-1e4, Math.min(1e4, x0 + 2 + ((pw - 4) * (a - ax)) / (bx - ax)));
          const py = Math.max(-1e4, Math.min(1e4, H - 2 - ((H - 4) * (b - ay)) / (by - ay)));
          if (on) ctx.lineTo(px, py); else ctx.moveTo(px, py);
          on = true;
        }
        ctx.strokeStyle = bad ? '#c00' : OKABE_ITO.vermillion ?? '#d55e00';
        ctx.lineWidth = 1.2;
        ctx.stroke();
        ctx.restore();
      }
      const b = el('button', { type: 'button', className: `multiple${bad ? ' diverged' : ''}`,
        title: `lr ${fmt(r.lr)}: ${bad ? `diverged at step ${r.diverged_at}` : `final loss ${fmt(r.final_loss)}`}. Click to load this rate.` },
      c, el('span', { className: 'multiple-label', textContent: `lr ${fmt(r.lr)}${bad ? ' ✕ diverged' : ''}` }));
      b.dataset.lr = String(r.lr);
      b.addEventListener('click', () => apply(r.lr));
      return b;
    }));
  }

  // One small scatter per searched setting: x the setting (log for lr, the
  // schedule's names for sched), y each evaluation's loss (log).
  let sliceCharts = [];
  function drawSlices(r) {
    for (const c of sliceCharts) c.destroy();
    sliceCharts = [];
    slices.replaceChildren();
    const rows = r.history.filter((h) => Number.isFinite(h.loss) && h.loss > 0);
    const maxBudget = Math.max(1, ...r.history.map((h) => h.budget));
    for (const k of r.searched) {
      const canvas = el('canvas', { role: 'img', ariaLabel: `Loss of each evaluation against ${k}` });
      const panel = el('div', { className: 'slice-panel', id: `slice-${k}` }, el('div', { className: 'slice-box' }, canvas));
      panel.dataset.setting = k;
      slices.append(panel);
      const enumKey = k === 'sched';
      const names = enumKey ? ENUMS.sched : null;
      const chart = scatter(canvas, { xTitle: k, yTitle: 'loss', xLog: k === 'lr' });
      chart.options.plugins.legend.display = false;
      const xs = rows.map((h) => h.settings[k]);
      if (k === 'lr' && xs.length) { // whole decades, a grid line at each
        Object.assign(chart.options.scales.x, { min: 10 ** Math.floor(Math.log10(Math.min(...xs))), max: 10 ** Math.ceil(Math.log10(Math.max(...xs))) });
        chart.options.scales.x.grid = { color: (c) => (logTick(c.tick.value) ? '#0000001a' : 'transparent') };
      } else if (!enumKey) chart.options.scales.x.ticks = { maxRotation: 0, maxTicksLimit: 4, callback: (v) => fmt(Number(v)) };
      if (enumKey) Object.assign(chart.options.scales.x, { min: -0.5, max: names.length - 0.5, ticks: { stepSize: 1, autoSkip: false, maxRotation: 45, callback: (v) => names[v] ?? '' } });
      chart.data.datasets = [{ label: k, data: rows.map((h) => ({ x: enumKey ? names.indexOf(h.settings[k]) : h.settings[k], y: h.loss,
        tip: `trial ${h.trial}, ${h.budget} steps: ${k} ${enumKey ? h.settings[k] : fmt(h.settings[k])}, loss ${fmt(h.loss)}` })),
      // the full-length evaluations darker: a Hyperband rung's loss is on fewer steps
      backgroundColor: rows.map((h) => (h.budget === maxBudget ? OKABE_ITO.blue : '#8888')), borderColor: rows.map((h) => (h.budget === maxBudget ? OKABE_ITO.blue : '#888')), pointRadius: 3 }];
      chart.update('none');
      sliceCharts.push(chart);
    }
    sliceCard.hidden = false;
  }

  let tuned = null, lastTune = null;
  tuneApply.addEventListener('click', () => tuned && apply(Number(tuned.settings.lr.toPrecision(4))));
  tuneBtn.addEventListener('click', () => runTool('tune', { opts: { ...TUNE, search: searched() } },
    `Tuning (${TUNE.trials} trials, successive halving)…`, 'Tuning failed', drawTune));
  function drawTune(r) {
    tuned = r.best;
    lastTune = { best: { trial: r.best.trial, loss: r.best.loss, settings: r.best.settings }, searched: r.searched, history: r.history };
    tuneCard.hidden = false;
    tuneChart.data.datasets = [
      { label: 'trial loss', data: r.history.map((h, i) => ({ x: i + 1, y: h.loss, tip: `trial ${h.trial}, lr ${fmt(h.settings.lr)}, ${h.budget} steps: ${fmt(h.loss)}` })).filter((d) => Number.isFinite(d.y) && d.y > 0), borderColor: '#888', backgroundColor: '#8884', pointRadius: 3 },
      { label: 'best so far', data: r.history.map((h, i) => ({ x: i + 1, y: h.best_so_far })).filter((d) => d.y !== null && d.y > 0), showLine: true, stepped: true, pointRadius: 3, borderColor: OKABE_ITO.vermillion ?? '#d55e00', borderWidth: 2 },
    ];
    tuneChart.update('none');
    drawSlices(r);
    tuneApply.textContent = `Apply best: lr ${fmt(tuned.settings.lr)}`;
    tuneCard.querySelector('#tune-note').textContent = `${r.history.length} evaluations of ${TUNE.trials} trials: all on a short budget first, the best third on three times as many steps, and so on; the best so far counts only full-length runs. The best reached loss ${fmt(tuned.loss)}.`;
  }

  // read-only views for tests and curious users
  Object.defineProperty(window, 'lrpTools', { value: Object.freeze({ get sweep() { return lastSweep && structuredClone(lastSweep); }, get tune() { return lastTune && structuredClone(lastTune); }, get edge() { return edge; } }) });

  return function update(p, r) {
    preset = p;
    run = r;
    for (const k of SEARCHABLE) searchBoxes[k].label.hidden = !describeKey(k).applies(p);
    // 2 / lambda_max at the start: a surface's run has it per step; a data
    // problem's is measured in the helper worker (once per model and data).
    if (SURFACES.includes(p.problem)) {
      edge = run?.sharpness?.length ? 2 / run.sharpness[0] : NaN;
      edgeKey = '';
      showEdge();
      return;
    }
    const key = canonicalize({ ...p, lr: 0.01 });
    if (key === edgeKey) return;
    edgeKey = key;
    edge = NaN;
    showEdge();
    ask(helperWorker(), 'sharpness', { preset: p }).then((s) => {
      if (edgeKey !== key) return;
      edge = 2 / s;
      showEdge();
    }, () => {});
  };
}
