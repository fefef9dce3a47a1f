// app.js - the page: the URL hash is the state. It is parsed leniently
// (web/preset.js), run by the core, drawn; every control edit re-runs and
// rewrites the hash with the canonical preset (and the pinned runs), so the
// address bar always reproduces the screen. Surfaces run here, at once;
// data problems run in a worker (web/runner.js) and stream their progress.
// Nothing from the URL reaches the page as HTML.
import { pageCore } from './page-core.js';
import { canonicalize, parse, toJSON, SURFACES } from './preset.js';
import { f32, runToCSV, runToJSON } from './export.js';
import { buildControls, buildLrBar } from './controls.js';
import { LossChart, LrChart, toPNG } from './charts.js';
import { Plot, drawContours, drawCurve, drawDecision, drawPath, drawTrail } from './contour.js';
import { Runner, Stopped } from './runner.js';

// The worker starts with the first data run, not with the page.
let worker = null;
const runner = () => (worker ??= new Runner());
import { Pins, compareLabels, lrVariants, pinsToHash, readPins, renderLegend } from './compare.js';
import { renderLessons } from './lessons.js';
import { buildToolsPanel } from './tools-panel.js';
import { caption, HEIGHT_MESSAGE, parseView, viewToHash } from './view.js';
import { buildEmbedDialog } from './embed-dialog.js';
import { copyField } from './dom.js';

const $ = (id) => document.getElementById(id);

// Minima of the surfaces (PRESET.md), marked on the contour plot.
const MINIMA = {
  quadratic: [[0, 0]], rosenbrock: [[1, 1]], beale: [[3, 0.5]],
  himmelblau: [[3, 2], [-2.805118, 3.131312], [-3.779310, -3.283186], [3.584428, -1.848126]],
  saddle: [[0, 1], [0, -1]], wells: [[-1.0356, 0], [0.9598, 0]],
};

// run: the last complete run of preset (null while one is computed or
// after a stop); shown: what the charts show (a run or a partial one).
// quick: a slider is being dragged (coarse contours, refined after).
const state = { preset: null, canonical: '', run: null, shown: null, ms: 0, view: null, request: null, quick: false };
const pins = new Pins();
// The embed view keys of the hash (web/view.js): never part of the run.
let embedView = parseView('');
let core, updateControls, updateLrBar, updateTools, lossChart, lrChart, pathPlot, modelPlot;
const isSurface = (p) => SURFACES.includes(p.problem);

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

function writeHash() {
  hashPending = false;
  const hash = `#${state.canonical}${viewToHash(embedView)}${pinsToHash(pins.list)}`;
  try {
    history.replaceState(null, '', hash);
  } catch {
    // some sandboxed or file:// documents may not rewrite their address;
    // the share field still gets the link
  }
  $('share-url').value = location.href.split('#')[0] + hash;
  setFullLink();
}

// The embedded view's "Open in lr-playground": the same run and pins.
function setFullLink() {
  if (embedView.embed) $('open-full').href = `${location.href.split('#')[0]}#${state.canonical}${pinsToHash(pins.list)}`;
}

// While a value is dragged or typed the hash is written once the frame is
// painted: Chromium's replaceState costs several ms, which a drag should
// not wait for.
let hashPending = false;
function writeHashSoon() {
  if (hashPending) return;
  hashPending = true;
  requestAnimationFrame(() => setTimeout(() => hashPending && writeHash()));
}

// Shows a parsed preset: controls, hash, run, charts.
function show({ preset, issues }, { keepFocused = false, write = true, soon = false } = {}) {
  state.preset = preset;
  state.canonical = canonicalize(preset);
  showNotices(issues);
  if (embedView.embed) $('caption').textContent = caption(preset);
  updateControls(preset, { keepFocused, only: embedView.embed === 'live' ? embedView.ui : null });
  updateLrBar(preset, { keepFocused });
  state.quick = soon;
  if (write && soon) writeHashSoon();
  else if (write) writeHash();
  else {
    $('share-url').value = location.href;
    setFullLink();
  }
  showLegend();
  runAndDraw();
}

// A control edit: the current preset with `changes` applied, re-parsed.
function change(changes, { commit }) {
  const given = { ...toJSON(state.preset), ...changes };
  const parsed = parse(given);
  if (!commit && parsed.issues.length) return; // half-typed: wait for the commit
  show(parsed, { keepFocused: !commit, soon: !commit });
}

function runAndDraw() {
  if (state.request) runner().cancel(state.request.id);
  state.request = null;
  state.run = null;
  $('run-note').hidden = true;
  if (!isSurface(state.preset)) return runData();
  $('progress').hidden = true;
  const t0 = performance.now();
  let run;
  try {
    run = core.run(state.preset, { grids: true });
  } catch (e) {
    showNotices([`The run failed: ${e.message}`]);
    return;
  }
  complete(run, performance.now() - t0);
}

// A data problem: in the worker, its progress streamed into the charts.
function runData() {
  const t0 = performance.now(), steps = state.preset.steps;
  $('fingerprint').textContent = 'computing…';
  setRunButtons(false);
  state.shown = null; // the old curves stay up until the first snapshot
  const request = runner().run(state.preset, { onProgress: (p) => progress(p, t0) });
  state.request = request;
  request.promise.then((run) => {
    if (state.request !== request) return;
    state.request = null;
    $('progress').hidden = true;
    complete(run, performance.now() - t0);
  }, (e) => {
    if (state.request !== request) return;
    state.request = null;
    $('progress').hidden = true;
    const t = state.shown?.loss?.length ?? 0;
    $('fingerprint').textContent = e instanceof Stopped ? 'stopped' : 'failed';
    $('run-note').hidden = false;
    $('run-note').textContent = e instanceof Stopped
      ? `Stopped at step ${Math.max(0, t - 1)} of ${steps}: the charts show the run so far. Change a setting to run again.`
      : `The run failed: ${e.message}`;
  });
}

// Streamed progress: the bar (shown once a run takes a moment) and, with
// each snapshot, the loss and lr so far.
function progress(p, t0) {
  if (performance.now() - t0 > 120) $('progress').hidden = false;
  $('progress-bar').value = p.t / p.steps;
  $('progress-text').textContent = `step ${p.t} of ${p.steps}`;
  if (p.loss) drawCurves({ loss: p.loss, lr: p.lr, test_loss: p.test_loss, eval_step: p.eval_step });
}

// A finished run on every chart; a data run's plots (the heavier part)
// wait for the next frame, so that no single task blocks for long. The
// fingerprint appears once everything shows.
function complete(run, ms) {
  state.run = run;
  state.ms = ms;
  updateTools?.(state.preset, isSurface(state.preset) ? run : null);
  drawCurves(run);
  showDivergence(run);
  showSummary(run);
  const rest = () => {
    if (state.run !== run) return;
    drawPlots({ replay: !isSurface(state.preset) });
    $('fingerprint').textContent = run.fingerprint;
    setRunButtons(true);
  };
  if (isSurface(state.preset)) rest();
  else requestAnimationFrame(rest);
}

function setRunButtons(enabled) {
  for (const id of ['pin', 'pin-lr', 'download-csv', 'download-json']) $(id).disabled = !enabled;
}

// Pins whose path belongs on this contour plot: the same surface.
const samePlane = (p) => isSurface(state.preset) && p.preset.problem === state.preset.problem &&
  (p.preset.problem !== 'quadratic' || p.preset.cond === state.preset.cond);

// The loss and lr charts for a (maybe partial) run, with the pins.
function drawCurves(run) {
  state.shown = run;
  const names = compareLabels(state.preset, pins);
  const over = (values) => (p) => ({ label: names.pin(p), colour: p.style.colour, dash: p.style.dash, steps: p.preset.steps, values: values(p.run) });
  const ready = pins.ready, compared = pins.list.length > 0;
  const log = $('log-scale').checked;
  const logOk = lossChart.update(run, log, state.preset.steps, ready.map(over((r) => r.loss)), compared ? names.current : 'training loss');
  $('log-note').hidden = logOk;
  lrChart.update(run, state.preset.steps, ready.map(over((r) => r.lr)), compared ? names.current : 'learning rate');
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
function surfaceBox(p, runs, last) {
  const lo = [Infinity, Infinity], hi = [-Infinity, -Infinity];
  const add = (x, y) => {
    [lo[0], hi[0], lo[1], hi[1]] = [Math.min(lo[0], x), Math.max(hi[0], x), Math.min(lo[1], y), Math.max(hi[1], y)];
  };
  for (const [x, y] of [[p.x0, p.y0], ...MINIMA[p.problem]]) add(x, y);
  for (const run of runs) {
    const limit = 10 * Math.max(Math.abs(run.loss[0]), 1);
    for (let t = 0; t < run.loss.length; t++) {
      if (Math.abs(run.loss[t]) <= limit) add(run.path[2 * t], run.path[2 * t + 1]);
    }
  }
  // padded, then rounded outward to a grid of span/8; the last box stays
  // while it holds everything and is not much too large, so that dragging
  // a slider keeps the box (and the cached contours) as they are
  const box = [];
  for (const k of [0, 1]) {
    const span = Math.max(hi[k] - lo[k], 1), q = 10 ** Math.floor(Math.log10(span)) / 4;
    box.push(Math.floor((lo[k] - 0.06 * span) / q) * q, Math.ceil((hi[k] + 0.06 * span) / q) * q);
  }
  const keep = last && [0, 1].every((k) => last[2 * k] <= lo[k] && last[2 * k + 1] >= hi[k] &&
    last[2 * k + 1] - last[2 * k] <= 1.5 * (box[2 * k + 1] - box[2 * k]));
  return keep ? last : box;
}

let refine = 0;
function redrawPlots() {
  state.quick = false;
  if (state.run) drawPlots();
}

// A finished data run's path is replayed over this long: the plane of the
// path is only known at the end, so the path cannot grow while it runs.
const REPLAY_MS = 600;

function drawPlots({ replay = false } = {}) {
  const p = state.preset, run = state.run;
  if (!run) return;
  const surface = isSurface(p);
  const trails = surface ? pins.ready.filter(samePlane) : [];
  $('model-card').hidden = surface;
  let view;
  if (surface) {
    const key = `${p.problem} ${p.cond}`;
    const last = state.view?.surface === key ? state.view.box : null;
    const box = surfaceBox(p, [run, ...trails.map((t) => t.run)], last);
    const grid = (n) => ({ values: core.surfaceGrid(p.problem, p.cond, box.slice(0, 2), box.slice(2), n, n), nx: n, ny: n });
    view = { box, surface: key, key: `${key} ${box}`, grid, minima: MINIMA[p.problem], labels: ['x', 'y'] };
  } else {
    const { box, nx, ny, loss } = run.landscape;
    const oneD = run.n_params === 2 && p.problem === 'linreg';
    view = { box, key: `${run.fingerprint} ${box}`, grid: () => ({ values: loss, nx, ny }), minima: [],
      labels: oneD ? ['weight', 'bias'] : ['direction 1', 'direction 2'] };
  }
  state.view = view;
  // the plot with the first k points of the path
  const draw = (k) => {
    const g = pathPlot.begin(view.box);
    const coarse = drawContours(pathPlot, g, view.key, view.grid, { quick: state.quick });
    clearTimeout(refine);
    if (coarse) refine = setTimeout(redrawPlots, 200);
    for (const t of trails) drawTrail(pathPlot, g, t.run.path, t.style.colour, t.style.dash);
    drawPath(pathPlot, g, run.path.subarray(0, 2 * k), view.minima);
    pathPlot.axes(g, ...view.labels);
  };
  const points = run.path.length / 2;
  if (replay) {
    const t0 = performance.now();
    const frame = (now) => {
      if (state.run !== run || state.view !== view) return;
      const k = Math.min(points, Math.max(1, Math.ceil((points * (now - t0)) / REPLAY_MS)));
      draw(k);
      if (k < points) requestAnimationFrame(frame);
    };
    frame(t0);
  } else {
    draw(points);
  }
  $('path-hint').textContent = surface ? 'Click the plot to start from there.' : 'The path in the plane of its two main directions; the surface is the training loss there.';
  // a frame of its own: each task stays short
  if (!surface) requestAnimationFrame(() => state.run === run && drawModel(run));
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
  let parsed, write = true;
  try {
    parsed = parse(location.hash);
  } catch (e) {
    // an unknown version: refused, said so; the defaults run, the link stays
    parsed = { preset: parse('').preset, issues: [e.message] };
    write = false;
  }
  const pinned = readPins(location.hash);
  setView(parseView(location.hash));
  clearPins();
  show({ preset: parsed.preset, issues: [...parsed.issues, ...embedView.issues, ...pinned.issues] }, { write });
  if (!pinned.presets.length) return; // show() drew everything already
  for (const preset of pinned.presets) pin(preset);
  comparisonChanged({ write });
}

// Embedded (embed=1 or embed=figure): the compact layout.
function setView(view) {
  embedView = view;
  document.body.classList.toggle('embed', view.embed !== null);
  document.body.classList.toggle('embed-figure', view.embed === 'figure');
  $('caption-bar').hidden = view.embed === null;
}

// In a frame, the page's height goes to the parent whenever it changes
// (web/embed.js there resizes the iframe; see web/view.js for the message).
function reportHeight() {
  if (window.parent === window) return;
  let last = 0;
  new ResizeObserver(() => {
    const height = Math.ceil(document.body.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ type: HEIGHT_MESSAGE, height }, '*');
  }).observe(document.body);
}

// Pins a preset: a surface runs at once, a data problem in the worker (its
// run arrives later). `run` when it is the current, finished one.
function pin(preset, run = null) {
  const p = pins.add(preset, run);
  if (!p || p.run) return;
  if (isSurface(preset)) {
    p.run = core.run(preset);
    return;
  }
  p.request = runner().run(preset);
  p.request.promise.then((r) => {
    p.run = r;
    comparisonChanged();
  }, () => {
    pins.remove(p); // stopped or failed: nothing to show
    comparisonChanged();
  });
}

function unpin(p) {
  if (p.request && !p.run) runner().cancel(p.request.id);
  pins.remove(p);
}

function clearPins() {
  for (const p of [...pins.list]) unpin(p);
}

// After pins changed: the link, the legend and the charts.
function comparisonChanged({ write = true } = {}) {
  if (write) writeHash();
  showLegend();
  if (state.shown) drawCurves(state.shown);
  drawPlots();
}

function showLegend() {
  renderLegend($('pins'), state.preset, pins, (p) => {
    unpin(p);
    comparisonChanged();
  });
  $('unpin-all').hidden = pins.list.length === 0;
}

function downloadPNG(button) {
  if (!state.run) return;
  const a = Object.assign(document.createElement('a'), {
    href: toPNG($(button.dataset.canvas)),
    download: `lr-playground-${state.run.fingerprint}-${button.dataset.name}.png`,
  });
  a.click();
}

function wire() {
  $('log-scale').addEventListener('change', () => state.shown && drawCurves(state.shown));
  $('copy-link').addEventListener('click', () => copyField($('share-url'), $('copy-status'), 'link'));
  $('reset').addEventListener('click', () => {
    clearPins();
    show(parse(''));
    comparisonChanged();
  });
  $('download-csv').addEventListener('click', () => download(runToCSV(state.run), 'text/csv', 'csv'));
  $('download-json').addEventListener('click', () => download(runToJSON(state.canonical, state.run), 'application/json', 'json'));
  $('stop').addEventListener('click', () => runner().stop());
  $('pin').addEventListener('click', () => {
    if (state.run) pin(state.preset, state.run);
    comparisonChanged();
  });
  $('pin-lr').addEventListener('click', () => {
    clearPins();
    for (const p of lrVariants(state.preset)) pin(p, canonicalize(p) === state.canonical ? state.run : null);
    comparisonChanged();
  });
  $('unpin-all').addEventListener('click', () => {
    clearPins();
    comparisonChanged();
  });
  for (const b of document.querySelectorAll('button.png')) b.addEventListener('click', () => downloadPNG(b));
  pathPlot.canvas.addEventListener('click', setStart);
  pathPlot.canvas.addEventListener('mousemove', readout);
  addEventListener('hashchange', fromHash);
  let pending = 0;
  new ResizeObserver(() => {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(redrawPlots);
  }).observe($('path-plot'));
}

async function main() {
  core = await pageCore();
  const onChange = (key, raw, opts) => change({ [key]: raw }, opts);
  updateControls = buildControls($('controls'), onChange);
  updateLrBar = buildLrBar($('lr-bar'), onChange);
  lossChart = new LossChart($('loss-chart'));
  lrChart = new LrChart($('lr-chart'));
  pathPlot = new Plot($('path-plot'));
  modelPlot = new Plot($('model-plot'));
  wire();
  fromHash();
  reportHeight();
  buildEmbedDialog($('embed'), () => ({ preset: state.preset, canonical: state.canonical, pins: pinsToHash(pins.list) }));
  performance.mark('lrp:first-chart'); // surfaces draw synchronously; the test reads it
  $('status').hidden = true;
  // below the fold: built once the first charts are up
  renderLessons($('lessons'));
  // a rate from the tools: set, re-run, rewrite the hash
  updateTools = buildToolsPanel($('tools'), { apply: (lr) => change({ lr: String(lr) }, { commit: true }) });
  updateTools(state.preset, state.run && isSurface(state.preset) ? state.run : null);
}

main().catch((e) => {
  $('status').textContent = `The page failed to start: ${e.message}`;
  console.error(e);
});
