// app.js - the page, wired in one direction: preset → run → pictures. The
// URL hash is the state: it is parsed leniently (web/preset.js), run by the
// core (surfaces here, at once; data problems in a worker, streamed) and
// drawn by the panels; every control edit re-runs and rewrites the hash
// (web/link.js), so the address bar always reproduces the screen. Nothing
// from the URL reaches the page as HTML.
import { pageCore } from './page-core.js';
import { canonicalize, parse, toJSON } from './preset.js';
import { isSurface, kindOf, state } from './page-state.js';
import { buildControls } from './controls.js';
import { Runner, Stopped } from './runner.js';
import { pinsToHash } from './compare.js';
import { LESSONS, lessonHash } from './lessons.js';
import { nextFrame, nextTask } from './dom.js';
import { buildEmbedDialog } from './embed-dialog.js';
import { Link, readLink, reportHeight, setLayout } from './link.js';
import { PinsPanel } from './pins-panel.js';
import { PathPanel } from './path-panel.js';
import { ModelPanel } from './model-panel.js';
import { CurvesPanel } from './curves-panel.js';
import { Playback } from './playback.js';
import { LessonPanel } from './lesson-panel.js';
import { wireShare } from './share-panel.js';
import { Status } from './status.js';
import { runNotes } from './run-notes.js';
import { loadChartJs } from './later-load.js';
import { pageStarted, start, startLater } from './page-start.js';
import { warmContours, warmFonts } from './contour.js';
import { prepareFirst, takePrepared } from './first-run.js';

const $ = (id) => document.getElementById(id);
let core, updateControls, updateTools, curves, pathPanel, modelPanel, pins, playback, lessons, link, status;
// The worker starts with the first data run, not with the page.
let worker = null;
const runner = () => (worker ??= new Runner());

// Shows a parsed preset: controls, hash, run, pictures.
function show({ preset, issues }, { keepFocused = false, write = true, soon = false, quick = soon } = {}) {
  state.preset = preset;
  state.canonical = canonicalize(preset);
  status.notices(issues);
  if (state.view.embed) link.caption(preset);
  updateControls(preset, { keepFocused, only: controlsShown(state.view) });
  state.quick = quick;
  if (write && soon) link.writeSoon();
  else if (write) link.write();
  else link.keep();
  showLegend();
  runAndDraw();
}

const showLegend = () => pins.render(state.preset, state.run);
// the controls a view shows: an embed's ui= list, or all that apply (null)
const controlsShown = (view) => (view.embed === 'live' ? view.ui : null);

// A control edit: the current preset with `changes` applied, re-parsed. A
// commit of what already runs (the end of a drag) only refines.
function change(changes, { commit }) {
  if (state.view.embed === 'figure') return; // a figure is read-only
  const parsed = parse({ ...toJSON(state.preset), ...changes });
  if (!commit && parsed.issues.length) return; // half-typed: wait for the commit
  if (commit && !parsed.issues.length && canonicalize(parsed.preset) === state.canonical) {
    state.quick = false;
    link.write();
    return drawPlots();
  }
  show(parsed, { keepFocused: !commit, soon: !commit });
}

// A new picture kind: everything of the old run goes at once.
function clearPictures() {
  const p = state.preset;
  state.kind = kindOf(p);
  state.shown = null;
  $('stage').classList.toggle('data', !isSurface(p));
  $('model-card').hidden = isSurface(p);
  pathPanel.clear(p, isSurface(p) ? '' : 'The path of the weights, and the loss around it, come when the run has finished.');
  modelPanel.clear('The model over its inputs comes when the run has finished.');
  curves.clear();
  status.clear();
  playback.enable(false, '');
  updateTools?.(p, null);
}

function runAndDraw() {
  if (state.request) runner().cancel(state.request.id);
  state.request = null;
  state.run = null;
  if (kindOf(state.preset) !== state.kind) clearPictures();
  if (!isSurface(state.preset)) return runData();
  status.running();
  const t0 = performance.now(), ready = takePrepared(state.canonical);
  let run;
  try {
    run = ready?.run ?? core.run(state.preset, { grids: true });
  } catch (e) {
    status.notices([`The run failed: ${e.message}`]);
    return;
  }
  complete(run, ready?.ms ?? performance.now() - t0);
}

// A data problem: in the worker, its progress streamed into the charts;
// until it ends, the plots of the run before are dimmed.
function runData() {
  const t0 = performance.now(), steps = state.preset.steps;
  status.computing();
  state.shown = null; // this run's curves come with its first snapshot
  setRunButtons(false);
  $('stage').classList.add('stale-plots', 'stale-charts');
  playback.enable(false, 'The playback comes when the run has finished.');
  const request = runner().run(state.preset, { onProgress: (p) => progress(p, t0), first: true }); // before any pin
  state.request = request;
  request.promise.then((run) => {
    if (state.request !== request) return;
    state.request = null;
    complete(run, performance.now() - t0);
  }, (e) => {
    if (state.request !== request) return;
    state.request = null;
    // the plots belong to the run before: they go (the curves too, when
    // none of this run's came yet)
    pathPanel.clear(state.preset, 'Stopped: the path comes at the end of a run.');
    modelPanel.clear('Stopped: the model over its inputs comes at the end of a run.');
    if (!state.shown) curves.clear();
    $('stage').classList.remove('stale-plots', 'stale-charts');
    status.stopped(e instanceof Stopped ? null : e, state.shown, steps);
  });
}

// Streamed progress: the bar and, with each snapshot, the loss and lr so far.
function progress(p, t0) {
  status.progress(p, performance.now() - t0);
  if (!p.loss) return;
  $('stage').classList.remove('stale-charts');
  state.shown = { loss: p.loss, lr: p.lr, test_loss: p.test_loss, eval_step: p.eval_step, diverged_at: null };
  curves.stream(state.preset, state.shown, { pins });
}

// A finished run on every picture, at the step the playback shows.
function complete(run, ms) {
  state.run = run;
  state.shown = run;
  $('stage').classList.remove('stale-plots', 'stale-charts');
  updateTools?.(state.preset, isSurface(state.preset) ? run : null);
  status.done(run, ms, state.preset);
  if (pins.list.length) showLegend();
  refreshLesson();
  drawCharts();
  // a data run's plots (the heavier part) wait for the next frame, so that
  // no single task blocks for long; the fingerprint shows once all is drawn
  const rest = () => {
    if (state.run !== run) return;
    playback.load(run.loss.length - 1, state.view.t);
    $('fingerprint').textContent = run.fingerprint;
    setRunButtons(true);
    if (state.autoplay) { // once the picture is there and the page has started, from the next frame on
      state.autoplay = false;
      Promise.all([pathPanel.drawn(), pageStarted]).then(nextFrame).then(() => state.run === run && playback.autoplay());
    }
  };
  if (isSurface(state.preset)) rest();
  else requestAnimationFrame(rest);
}

function setRunButtons(enabled) {
  for (const id of ['pin', 'pin-lr', 'download-csv', 'download-json']) $(id).disabled = !enabled;
}

// The lesson box, and the notes: the lesson's when its own run shows.
function refreshLesson() {
  state.lesson = lessons.show(state.view.lesson, state.canonical, pins.list.map((p) => p.canonical));
  state.notes = state.run ? runNotes(state.run, state.lesson, core) : {};
}

function drawCharts() {
  if (!state.shown) return;
  curves.draw(state.preset, state.shown, { pins, notes: state.notes, zoom: state.lesson?.zoom ?? null, t: state.view.t });
}

// The path (and a data problem's model) at the step shown.
let refine = 0;
function drawPlots() {
  const p = state.preset, run = state.run;
  if (!run) return;
  const samePlane = (q) => q.preset.problem === p.problem && (p.problem !== 'quadratic' || q.preset.cond === p.cond);
  const trails = isSurface(p) ? pins.ready.filter(samePlane) : [];
  const coarse = pathPanel.draw({ preset: p, run, trails, t: state.view.t, notes: state.notes.path, quick: state.quick });
  clearTimeout(refine);
  if (coarse !== false) refine = setTimeout(() => { state.quick = false; drawPlots(); }, 200);
  if (isSurface(p)) return;
  // the first drawing of a data run's map gets a frame of its own
  if (modelPanel.drawn === run) modelPanel.draw(run, state.view.t, p);
  else requestAnimationFrame(() => state.run === run && modelPanel.draw(run, state.view.t, p));
}

// The playback moved to step t (null: the whole run).
function onStep(t, { playing }) {
  state.view.t = t;
  curves.cursor(t);
  drawPlots();
  if (!playing) link.writeSoon();
}

// first: the page's first picture (coarse contours, refined after).
function fromHash(first = false) {
  link.keep(); // what is read is known: a pending write may follow it
  const { preset, issues, pins: pinned, view, write } = readLink(location.hash);
  state.autoplay = view.lesson !== null && view.lesson !== state.view.lesson && view.t === null;
  state.view = view;
  setLayout(view);
  pins.clear();
  show({ preset, issues }, { write, quick: first });
  if (pinned.length) {
    for (const p of pinned) pins.add(p);
    comparisonChanged({ write });
  }
  if (state.reveal) lessons.reveal();
  state.reveal = false;
}

// After pins changed: the link, the legend, the lesson and the pictures.
function comparisonChanged({ write = true } = {}) {
  if (write) link.write();
  showLegend();
  refreshLesson();
  drawCharts();
  drawPlots();
}

// A lesson's link; the charts come into view once it shows.
function openLesson(l) {
  const hash = lessonHash(l);
  state.reveal = true;
  if (location.hash === hash) fromHash();
  else location.hash = hash; // a history entry; hashchange runs it
}

function closeLesson() {
  state.view.lesson = null;
  link.write();
  comparisonChanged({ write: false });
}

function wire() {
  $('log-scale').addEventListener('change', drawCharts);
  $('stop').addEventListener('click', () => state.request && runner().stop(state.request.id)); // the pins go on
  $('reset').addEventListener('click', () => openLesson(LESSONS[0]));
  $('embed-reset').addEventListener('click', () => link.reset(fromHash));
  addEventListener('hashchange', () => fromHash());
  let pending = 0;
  new ResizeObserver(() => {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(() => { state.quick = false; drawPlots(); curves.cursor(state.view.t); });
  }).observe($('path-plot'));
}

async function main() {
  setTimeout(warmContours); // while the core loads (its first picture then costs less)
  setTimeout(warmFonts);
  core = await pageCore().then(nextTask); // building the page is a task of its own
  status = new Status();
  // the step shown goes into the link, but not while it plays
  link = new Link(() => ({ canonical: state.canonical, view: playback.playing ? { ...state.view, t: null } : state.view, pins: pins.list }));
  updateControls = buildControls($('controls'), $('lr-bar'), (key, raw, opts) => change({ [key]: raw }, opts), { change, core });
  const opened = readLink(location.hash); // only its run's rows are laid out next (the first lesson: 11 of 48)
  updateControls(opened.preset, { only: controlsShown(opened.view) });
  curves = new CurvesPanel({ readOnly: () => state.view.embed === 'figure', load: loadChartJs });
  const startAt = (x0, y0) => change({ x0: String(x0), y0: String(y0) }, { commit: true });
  pathPanel = new PathPanel({ core, onStart: () => (state.view.embed === 'figure' ? null : startAt) });
  modelPanel = new ModelPanel();
  pins = new PinsPanel($('pins'), { core, runner, changed: () => comparisonChanged(), current: () => state });
  playback = new Playback($('playback'), { onStep, describe: (t) => status.describeStep(state.run, t) });
  lessons = new LessonPanel({ open: openLesson, close: closeLesson });
  wire();
  await nextFrame(); // the controls and panels are laid out in a task of their own; the first run and picture follow
  wireShare({ run: () => state.run, canonical: () => state.canonical, preset: () => state.preset, core });
  await prepareFirst(core, pathPanel);
  await nextTask();
  fromHash(true);
  reportHeight();
  lessons.buildGallery(); // below the fold, but there with the run's fingerprint
  await Promise.race([pathPanel.drawn(), new Promise((go) => setTimeout(go, 3000))]); // the rest comes even if it does not
  buildEmbedDialog($('embed'), () => ({ preset: state.preset, canonical: state.canonical, pins: pinsToHash(pins.list) }));
  performance.mark('lrp:first-chart'); // a surface's path and contours are drawn; the tests read it
  $('status').hidden = true;
  window.lrpPage = Object.freeze({ get notes() { return { ...curves.notes, path: pathPanel.plot.notes }; }, get t() { return state.view.t; } });
  await nextTask(); // the first picture's task ends
  await startLater(() => curves.start().then(() => performance.mark('lrp:charts')), (later) => {
    // a tool's result is a link: it shows that run, in view
    updateTools = later.buildToolsPanel($('tools'), { apply: (text) => { show(parse(text)); lessons.reveal(); } });
    updateTools(state.preset, state.run && isSurface(state.preset) ? state.run : null);
  });
}

start(main);
