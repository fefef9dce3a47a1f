// app.js - the page: the URL hash is the state. It is parsed leniently
// (web/preset.js), run by the core, drawn; every control edit re-runs and
// rewrites the hash with the canonical preset, so the address bar always
// reproduces the screen. Nothing from the URL reaches the page as HTML.
import { loadCore } from './core.js';
import { canonicalize, parse, toJSON, SURFACES } from './preset.js';
import { f32, runToCSV, runToJSON } from './export.js';
import { buildControls } from './controls.js';
import { LossChart, LrChart } from './charts.js';
import { Plot, drawContours, drawCurve, drawDecision, drawPath } from './contour.js';

const $ = (id) => document.getElementById(id);

// Minima of the surfaces (PRESET.md), marked on the contour plot.
const MINIMA = {
  quadratic: [[0, 0]], rosenbrock: [[1, 1]], beale: [[3, 0.5]],
  himmelblau: [[3, 2], [-2.805118, 3.131312], [-3.779310, -3.283186], [3.584428, -1.848126]],
  saddle: [[0, 1], [0, -1]], wells: [[-1.0356, 0], [0.9598, 0]],
};
const GRID = 120;

const state = { preset: null, canonical: '', run: null, ms: 0, view: null };
let core, updateControls, lossChart, lrChart, pathPlot, modelPlot;

function showNotices(issues) {
  const list = $('notices');
  list.replaceChildren(...issues.map((i) => {
    const li = document.createElement('li');
    li.textContent = typeof i === 'string' ? i
      : `${i.key}${i.value === undefined ? '' : ` = "${i.value}"`}: ${i.reason}`;
    return li;
  }));
  list.hidden = issues.length === 0;
}

// Shows a parsed preset: controls, hash, run, charts.
function show({ preset, issues }, { keepFocused = false, writeHash = true } = {}) {
  state.preset = preset;
  state.canonical = canonicalize(preset);
  showNotices(issues);
  updateControls(preset, { keepFocused });
  if (writeHash) history.replaceState(null, '', `#${state.canonical}`);
  $('share-url').value = location.href;
  runAndDraw();
}

// A control edit: the current preset with `changes` applied, re-parsed.
function change(changes, { commit }) {
  const given = { ...toJSON(state.preset), ...changes };
  const parsed = parse(given);
  if (!commit && parsed.issues.length) return; // half-typed: wait for the commit
  show(parsed, { keepFocused: !commit });
}

function runAndDraw() {
  const t0 = performance.now();
  let run;
  try {
    run = core.run(state.preset, { grids: true });
  } catch (e) {
    showNotices([`The run failed: ${e.message}`]);
    return;
  }
  state.run = run;
  $('fingerprint').textContent = run.fingerprint;
  const log = $('log-scale').checked;
  const logOk = lossChart.update(run, log, state.preset.steps);
  $('log-note').hidden = logOk;
  lrChart.update(run, state.preset.steps);
  drawPlots();
  showDivergence(run);
  state.ms = performance.now() - t0;
  showSummary(run);
}

function showDivergence(run) {
  const box = $('divergence');
  const t = run.diverged_at;
  box.hidden = t === null;
  if (t === null) return;
  const loss = run.loss[t];
  const what = Number.isNaN(loss) ? 'became NaN' : Number.isFinite(loss) ? 'passed 1e10' : 'became infinite';
  box.textContent = `The loss ${what} at step ${t}: the steps overshoot the minimum and grow. ` +
    'Try a smaller learning rate or a decaying schedule.';
}

// A readable number for the summary; the exact one is in the tooltips and exports.
function brief(x) {
  if (!Number.isFinite(x)) return 'not finite';
  const a = Math.abs(x);
  return a !== 0 && (a >= 1e6 || a < 1e-4) ? x.toExponential(3) : String(Number(x.toPrecision(5)));
}

function showSummary(run) {
  const last = run.loss.length - 1;
  const parts = [`final loss ${brief(run.loss[last])} after ${last} steps`];
  if (run.test_loss.length) parts.push(`held-out loss ${brief(run.test_loss[run.test_loss.length - 1])}`);
  if (run.test_acc.length) parts.push(`held-out accuracy ${(100 * run.test_acc[run.test_acc.length - 1]).toFixed(1)}%`);
  parts.push(`computed in ${state.ms.toFixed(1)} ms`);
  $('summary').textContent = parts.join(' · ');
}

// Surfaces: a box around the start, the minima and the part of the path
// whose loss stays within 10x the start's (a diverging tail would otherwise
// shrink everything else to a dot).
function surfaceBox(p, run) {
  const pts = [[p.x0, p.y0], ...MINIMA[p.problem]];
  const limit = 10 * Math.max(Math.abs(run.loss[0]), 1);
  for (let t = 0; t < run.loss.length; t++) {
    if (Math.abs(run.loss[t]) <= limit) pts.push([run.path[2 * t], run.path[2 * t + 1]]);
  }
  // padded, then rounded outward to a grid of span/8, so that small changes
  // of the path keep the box (and the cached contours) as they are
  const box = [];
  for (const k of [0, 1]) {
    const lo = Math.min(...pts.map((q) => q[k])), hi = Math.max(...pts.map((q) => q[k]));
    const span = Math.max(hi - lo, 1), q = 10 ** Math.floor(Math.log10(span)) / 4;
    box.push(Math.floor((lo - 0.06 * span) / q) * q, Math.ceil((hi + 0.06 * span) / q) * q);
  }
  return box;
}

function drawPlots() {
  const p = state.preset, run = state.run;
  const surface = SURFACES.includes(p.problem);
  $('model-card').hidden = surface;
  let view;
  if (surface) {
    const box = surfaceBox(p, run);
    const grid = () => ({ values: core.surfaceGrid(p.problem, p.cond, box.slice(0, 2), box.slice(2), GRID, GRID), nx: GRID, ny: GRID });
    view = { box, key: `${p.problem} ${p.cond} ${box}`, grid, minima: MINIMA[p.problem], labels: ['x', 'y'] };
  } else {
    const { box, nx, ny, loss } = run.landscape;
    const oneD = run.n_params === 2 && p.problem === 'linreg';
    view = { box, key: `${run.fingerprint} ${box}`, grid: () => ({ values: loss, nx, ny }), minima: [],
      labels: oneD ? ['weight', 'bias'] : ['direction 1', 'direction 2'] };
  }
  state.view = view;
  const g = pathPlot.begin(view.box);
  drawContours(pathPlot, g, view.key, view.grid);
  drawPath(pathPlot, g, run.path, view.minima);
  pathPlot.axes(g, ...view.labels);
  $('path-hint').textContent = surface ? 'Click the plot to start from there.' : 'The path in the plane of its two main directions; the surface is the training loss there.';
  if (!surface) drawModel(run);
}

function drawModel(run) {
  const pr = run.prediction, points = { x: run.data_x, y: run.data_y, test: run.data_test };
  if (pr.ny > 1) {
    const g = modelPlot.begin(pr.box);
    drawDecision(modelPlot, g, pr, points);
    modelPlot.axes(g, 'x1', 'x2');
    $('model-title').textContent = 'Decision map and data';
  } else {
    let lo = Infinity, hi = -Infinity;
    for (const v of [...run.data_y, ...pr.output]) if (Number.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
    const pad = 0.08 * (hi - lo || 1);
    const g = modelPlot.begin([pr.box[0], pr.box[1], lo - pad, hi + pad]);
    drawCurve(modelPlot, g, pr, points);
    modelPlot.axes(g, 'x', 'y');
    $('model-title').textContent = 'Model and data';
  }
}

// Where the pointer is in the path plot: the nearest path point, else the
// loss there (surfaces).
function readout(ev) {
  const view = state.view, run = state.run;
  if (!view || !run) return;
  const r = pathPlot.canvas.getBoundingClientRect();
  const cx = ev.clientX - r.left, cy = ev.clientY - r.top;
  const at = pathPlot.toData(cx, cy);
  if (!at) { $('path-readout').textContent = '\u00a0'; return; }
  let best = -1, bestD = 64;
  for (let i = 0; i < run.path.length / 2; i++) {
    const d = (pathPlot.px(run.path[2 * i]) - cx) ** 2 + (pathPlot.py(run.path[2 * i + 1]) - cy) ** 2;
    if (d < bestD) { best = i; bestD = d; }
  }
  const fmt = (x) => String(Number(x.toPrecision(4)));
  if (best >= 0) {
    const t = run.path_step[best];
    $('path-readout').textContent = `step ${t}: (${f32(run.path[2 * best])}, ${f32(run.path[2 * best + 1])}), loss ${f32(run.loss[t]) ?? 'not finite'}`;
  } else if (SURFACES.includes(state.preset.problem)) {
    const [loss] = core.surfaceGrid(state.preset.problem, state.preset.cond, [at[0], at[0]], [at[1], at[1]], 2, 2);
    $('path-readout').textContent = `(${fmt(at[0])}, ${fmt(at[1])}): loss ${f32(loss) ?? 'not finite'}`;
  } else $('path-readout').textContent = `(${fmt(at[0])}, ${fmt(at[1])})`;
}

function setStart(ev) {
  if (!SURFACES.includes(state.preset.problem)) return;
  const r = pathPlot.canvas.getBoundingClientRect();
  const at = pathPlot.toData(ev.clientX - r.left, ev.clientY - r.top);
  if (!at) return;
  const q = 10 ** Math.floor(Math.log10((state.view.box[1] - state.view.box[0]) / 500));
  const round = (x) => Number((Math.round(x / q) * q).toPrecision(6));
  change({ x0: String(round(at[0])), y0: String(round(at[1])) }, { commit: true });
}

function download(text, type, ext) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = Object.assign(document.createElement('a'), { href: url, download: `lr-playground-${state.run.fingerprint}.${ext}` });
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function fromHash() {
  try {
    show(parse(location.hash));
  } catch (e) {
    // an unknown version: refused, said so; the defaults run, the link stays
    show({ preset: parse('').preset, issues: [e.message] }, { writeHash: false });
  }
}

function wire() {
  $('log-scale').addEventListener('change', runAndDraw);
  $('copy-link').addEventListener('click', async () => {
    const url = location.href;
    try {
      await navigator.clipboard.writeText(url);
      $('copy-status').textContent = 'Link copied.';
    } catch {
      $('share-url').select();
      $('copy-status').textContent = 'Copy the selected link.';
    }
  });
  $('reset').addEventListener('click', () => show(parse('')));
  $('download-csv').addEventListener('click', () => download(runToCSV(state.run), 'text/csv', 'csv'));
  $('download-json').addEventListener('click', () => download(runToJSON(state.canonical, state.run), 'application/json', 'json'));
  pathPlot.canvas.addEventListener('click', setStart);
  pathPlot.canvas.addEventListener('mousemove', readout);
  addEventListener('hashchange', fromHash);
  let pending = 0;
  new ResizeObserver(() => {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(() => state.run && drawPlots());
  }).observe($('path-plot'));
}

async function main() {
  core = await loadCore();
  updateControls = buildControls($('controls'), (key, raw, opts) => change({ [key]: raw }, opts));
  lossChart = new LossChart($('loss-chart'));
  lrChart = new LrChart($('lr-chart'));
  pathPlot = new Plot($('path-plot'));
  modelPlot = new Plot($('model-plot'));
  wire();
  fromHash();
  $('status').hidden = true;
}

main().catch((e) => {
  $('status').textContent = `The page failed to start: ${e.message}`;
  console.error(e);
});
