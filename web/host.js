// host.js - the work the page hands off: data runs and the learning-rate
// tools. createHost(post, ready) → { receive(message), stop() }; answers go
// out through post(message, transfer); ready is a promise of a Core.
// web/worker.js runs a host in a Web Worker; web/spawn.js runs one on the
// main thread where a page may not start workers (file://, a sandboxed
// iframe). Runs are queued and advanced in chunks of about CHUNK_MS,
// yielding between chunks so that a cancel or a stop can arrive.
//   in:  { run: id, preset, stream, first }   queue a run (stream: post
//                                   progress, 'steps': only t and ms, at most
//                                   every SNAPSHOT_MS; first: before every
//                                   other run, at the next pause of one that
//                                   is running)
//        { cancel: id }                drop a queued or running run
//   any of them may carry own: the data of a preset's file reference
//   (web/own-data.js withOwn), kept for the presets that name them
//   out: { id, progress: { t, steps, ms, loss?, lr?, eval_step?, test_loss? } }
//        (ms: the time this run has computed so far, waits aside; the
//        arrays every SNAPSHOT_MS), { id, result }, { id, error }
//        (result: Job.result() and, for data, Job.grids(): landscape,
//        prediction, frames; their arrays transferred, not copied)
// The learning-rate tools (web/tools.js), each answered with { id, result }
// or { id, error }:
//   { find: id, preset }            findLR(core, preset)
//   { sweep: id, preset }           sweepOne(core, preset): one run of a sweep
//   { tune: id, preset, opts }      tune(core, preset, opts)
//   { sharpness: id, preset }       the top Hessian eigenvalue at the start
//   { edge: id, preset }            sharpness along the run against 2 / lr_t:
//                                   { step, sharpness, two_over_lr } (surfaces:
//                                   every step; data problems: at most EDGE_EVALS
//                                   evaluations, evenly spaced)
import { gridSteps } from './grids.js';
import { adopt } from './own-data.js';
import { findLR, sweepOne, tune } from './tools.js';

const CHUNK_MS = 12, SNAPSHOT_MS = 100, EDGE_EVALS = 50;

// A yield to the event loop without setTimeout's 4 ms clamp. The channel
// is made on first use, so that importing this module (a Node test) opens
// no port that keeps the process alive.
let channel = null;
const waiting = [];
const pause = () => new Promise((resolve) => {
  if (!channel) {
    channel = new MessageChannel();
    // Node: the port keeps the process alive only while a pause waits
    channel.port1.onmessage = () => {
      waiting.shift()?.();
      if (!waiting.length) channel.port1.unref?.();
    };
  }
  waiting.push(resolve);
  channel.port1.ref?.();
  channel.port2.postMessage(0);
});

const TOOLS = {
  find: (core, { preset }) => findLR(core, preset),
  sweep: (core, { preset }) => sweepOne(core, preset),
  tune: (core, { preset, opts }) => tune(core, preset, opts),
  sharpness: (core, { preset }) => {
    const job = core.start({ ...preset, steps: Math.min(preset.steps, 1) });
    try {
      job.advance(Infinity);
      job.finish();
      const s = job.out('sharpness'); // surfaces: per step; data problems: on demand
      return s.length ? s[0] : job.sharpness(0);
    } finally {
      job.free();
    }
  },
  edge: (core, { preset }) => {
    const job = core.start(preset);
    try {
      job.advance(Infinity);
      job.finish();
      const lr = job.out('lr');
      const lrAt = (t) => lr[Math.min(t, lr.length - 1)];
      let step, sharpness;
      const s = job.out('sharpness');
      if (s.length) { // a surface: one per path point, i.e. per step
        step = Array.from(s, (_, t) => t);
        sharpness = Array.from(s);
      } else { // a data problem: at evaluations, on demand
        const at = job.out('eval_step');
        const n = Math.min(EDGE_EVALS, at.length);
        const ks = n < 2 ? Array.from({ length: n }, (_, i) => i)
          : [...new Set(Array.from({ length: n }, (_, i) => Math.round((i * (at.length - 1)) / (n - 1))))];
        step = ks.map((k) => at[k]);
        sharpness = ks.map((k) => job.sharpness(k));
      }
      return { step, sharpness, two_over_lr: step.map((t) => (lr.length ? 2 / lrAt(t) : NaN)) };
    } finally {
      job.free();
    }
  },
};

// The transfer list of a message: the ArrayBuffers under o (nested
// objects too: a result's grids and frames), each once (postMessage
// throws on a list that names one twice).
const under = (o) => Object.values(o).flatMap((v) =>
  ArrayBuffer.isView(v) ? [v.buffer] : v && typeof v === 'object' ? under(v) : []);
export const buffers = (o) => [...new Set(under(o))];

// One run of a preset: advanced in chunks that grow or shrink towards
// CHUNK_MS, with a pause after each so that a cancel or a stop can arrive
// (dropped() then says so, and the run ends without a word); progress
// when streaming (a pin's, stream 'steps': the step and the time computed,
// its pictures' time too, every SNAPSHOT_MS); the result with its grids
// and frames (computed in pieces with the same pauses: on the page's main
// thread no piece blocks it for long), transferred.
async function runJob(core, { run: id, preset, stream }, send, dropped, interrupt) {
  // a pause for the messages, then the requests that come first; whether to stop
  const breathe = async () => (await pause(), await interrupt(), dropped());
  let busy = 0, shown = stream === true ? performance.now() : -Infinity;
  const report = (t, job) => {
    const due = performance.now() - shown >= SNAPSHOT_MS;
    if (!stream || (stream !== true && !due)) return;
    const progress = { t, steps: preset.steps, ms: busy };
    if (due) shown = performance.now();
    if (due && job) for (const name of ['loss', 'lr', 'eval_step', 'test_loss']) progress[name] = job.out(name);
    send({ id, progress }, buffers(progress));
  };
  const job = core.start(preset);
  try {
    let k = 1;
    for (;;) {
      const t0 = performance.now();
      const { done, t } = job.advance(k);
      const ms = performance.now() - t0;
      busy += ms;
      // grow or shrink the chunk towards CHUNK_MS, at most 4x at a time
      k = Math.max(1, Math.round(k * Math.min(4, CHUNK_MS / Math.max(ms, 0.01))));
      if (done) break;
      report(t, stream === true ? job : null);
      if (await breathe()) return;
    }
    job.finish();
    // the pictures too, a row or a frame at a time, pausing every CHUNK_MS
    const steps = gridSteps(job, { frames: true });
    let next, since = performance.now();
    while (!(next = steps.next()).done) {
      if (performance.now() - since < CHUNK_MS) continue;
      busy += performance.now() - since;
      if (stream !== true) report(preset.steps, null);
      if (await breathe()) return;
      since = performance.now();
    }
    const result = Object.assign(job.result(), next.value);
    send({ id, result }, buffers(result));
  } finally {
    job.free();
  }
}

export function createHost(post, ready) {
  const queue = []; // requests first marked first (the page's current run), then the rest in order
  const cancelled = new Set(), running = new Set();
  let draining = false, stopped = false;
  const send = (message, transfer) => { if (!stopped) post(message, transfer); };
  const dropped = (id) => stopped || cancelled.has(id);

  // One run; at each of its pauses, the requests that come first run
  // before it goes on (a pin's long run never holds up the current one).
  async function runOne(core, req) {
    running.add(req.run);
    try {
      await runJob(core, req, send, () => dropped(req.run), () => firstOnes(core));
    } catch (e) {
      send({ id: req.run, error: e.message });
    } finally {
      running.delete(req.run);
      cancelled.delete(req.run);
    }
  }
  async function firstOnes(core) {
    while (queue[0]?.first && !stopped) await runOne(core, queue.shift());
  }

  async function tool(name, data) {
    const id = data[name];
    try {
      const core = await ready;
      send({ id, result: TOOLS[name](core, data) });
    } catch (e) {
      send({ id, error: e.message });
    }
  }

  async function drain() {
    draining = true;
    let core;
    try {
      core = await ready;
    } catch (e) {
      for (const r of queue.splice(0)) send({ id: r.run, error: `the core failed to load: ${e.message}` });
      draining = false;
      return;
    }
    while (queue.length && !stopped) await runOne(core, queue.shift());
    draining = false;
  }

  function receive(data) {
    if (stopped) return;
    adopt(data); // a file's data, for the presets that name them
    const name = Object.keys(TOOLS).find((k) => k in data);
    if (name) return void tool(name, data);
    if ('cancel' in data) {
      if (running.has(data.cancel)) cancelled.add(data.cancel);
      const i = queue.findIndex((r) => r.run === data.cancel);
      if (i >= 0) queue.splice(i, 1);
      return;
    }
    const at = data.first ? queue.findIndex((r) => !r.first) : -1;
    queue.splice(at < 0 ? queue.length : at, 0, data);
    if (!draining) drain();
  }

  // Ends everything: the running job stops at its next pause, nothing more is posted.
  function stop() {
    stopped = true;
    queue.length = 0;
  }

  return { receive, stop };
}
