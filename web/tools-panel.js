// tools-panel.js - the page's panel of learning-rate tools (web/tools.js),
// every one in Web Workers (web/worker.js): the range test (tool-find.js),
// the sweep on a pool of workers (tool-sweep.js), tuning with its slice plot
// (tool-tune.js), and sharpness along the run, with 2 / λmax at the start
// beside the learning-rate sliders and on the sweep chart (tool-edge.js).
// This module lays them out and runs the one-shot tools (find, tune, edge)
// in a shared helper worker, with a status line and Cancel.
// Above the tools' cards, one recommendation from all that have run
// (tool-advice.js). buildToolsPanel(root, { apply }) → update(preset, run):
// call it after every run (run: a surface's run, else null); apply(text)
// loads a preset's link: every result a tool shows is one.
import { el } from './dom.js';
import { answers, ask, kill, spawn } from './tool-chart.js';
import { edgeTool, stabilityEdge } from './tool-edge.js';
import { findTool } from './tool-find.js';
import { sweepTool } from './tool-sweep.js';
import { tuneTool } from './tool-tune.js';
import { adviceBox } from './tool-advice.js';

const CANCELLED = Symbol('cancelled');

// runTool(kind, message, doing, failed, draw): one tool in the helper
// worker; the buttons wait, a result for a preset that has changed
// meanwhile is dropped, a failure is said in `status`. Cancel ends the
// helper worker (whatever it computes) and the wait.
function toolRunner({ status, cancel, busy, worker, preset }) {
  let stop = null;
  cancel.addEventListener('click', () => {
    worker.end();
    stop?.();
  });
  return async (kind, message, doing, failed, draw) => {
    busy(true);
    status.textContent = doing;
    cancel.hidden = false;
    const p = preset();
    try {
      const cancelled = new Promise((resolve) => { stop = () => resolve(CANCELLED); });
      const r = await Promise.race([ask(worker.get(), kind, { preset: p, ...message }), cancelled]);
      if (r === CANCELLED) return void (status.textContent = 'Cancelled.');
      if (p !== preset()) return void (status.textContent = 'The setting changed meanwhile: press the button again.');
      draw(r, p);
      status.textContent = '';
    } catch (e) {
      status.textContent = `${failed}: ${e.message}`;
    } finally {
      busy(false);
      cancel.hidden = true;
      stop = null;
    }
  };
}

export function buildToolsPanel(root, { apply }) {
  let current = null;
  const preset = () => current;
  let helper = null; // the worker for find, tune, edge and data problems' sharpness
  const worker = { get: () => (helper ??= spawn()), end: () => { if (helper) kill(helper); helper = null; } };

  const status = el('span', { className: 'tool-status', id: 'tool-status', role: 'status' });
  const cancel = el('button', { type: 'button', id: 'tool-cancel', textContent: 'Cancel', hidden: true });
  const buttons = [];
  const busy = (on) => { for (const b of buttons) b.disabled = on; };
  const runTool = toolRunner({ status, cancel, busy, worker, preset });

  const advice = adviceBox({ apply });
  let stability = null;
  // The tools' results that answer for the current setting (tool-chart.js
  // answers); the cards of the others go, so that nothing of another
  // setting stays on screen. Then the one recommendation from them.
  const fresh = () => {
    const r = { find: find.last(), sweep: sweep.last(), tune: tune.last() };
    const ok = { find: answers(r.find, current), sweep: answers(r.sweep, current), tune: answers(r.tune, current, r.tune?.searched) };
    find.card.hidden = !ok.find;
    sweep.card.hidden = !ok.sweep;
    for (const c of tune.cards) c.hidden = !ok.tune;
    return Object.fromEntries(Object.keys(r).map((k) => [k, ok[k] ? r[k] : null]));
  };
  const advise = () => current && advice.show(current, { ...fresh(), edge: stability?.value ?? NaN });
  const find = findTool({ apply, runTool, done: advise });
  const sweep = sweepTool({ apply, busy, status, preset, done: advise });
  const tune = tuneTool({ apply, runTool, done: advise });
  const edge = edgeTool({ runTool });
  buttons.push(find.button, sweep.button, tune.button, edge.button);
  root.append(
    el('h2', { id: 'tools-title', textContent: 'Learning-rate tools' }),
    el('p', { className: 'hint tools-lede', textContent: 'Each runs the current setting in background workers: the range test grows the rate until the loss blows up; the sweep runs 24 rates from 1e-5 to 10; tuning searches the rate by successive halving.' }),
    el('div', { className: 'buttons' }, find.button, sweep.button, tune.button, tune.search, edge.button, cancel, status),
    sweep.progress,
    advice.box,
    el('div', { className: 'charts tool-charts' }, find.card, sweep.card, ...tune.cards, edge.card),
  );
  stability = stabilityEdge({
    measure: (p) => ask(worker.get(), 'sharpness', { preset: p }),
    show: (rate) => {
      sweep.markEdge(rate);
      advise();
    },
  });

  // read-only views for tests and curious users
  Object.defineProperty(window, 'lrpTools', { value: Object.freeze({
    get sweep() { return structuredClone(sweep.last()); },
    get tune() { return structuredClone(tune.last()); },
    get edge() { return stability.value; },
    get find() { return structuredClone(find.last()); },
    get advice() { return structuredClone(advice.last()); },
  }) });

  return function update(p, run) {
    current = p;
    tune.update(p);
    stability.update(p, run);
    advise();
  };
}
