// worker.js - runs data problems off the main thread (a module worker with
// its own core). Runs are queued and advanced in chunks of about CHUNK_MS,
// yielding between chunks so that a cancel can arrive.
//   in:  { run: id, preset, stream }   queue a run (stream: post progress)
//        { cancel: id }                drop a queued or running run
//   out: { id, progress: { t, steps, loss?, lr?, eval_step?, test_loss? } }
//        (the arrays every SNAPSHOT_MS), { id, result }, { id, error }
import { loadCore } from './core.js';

const CHUNK_MS = 12, SNAPSHOT_MS = 100;
const ready = loadCore();
const queue = [];
let current = null; // the id being run
let dropCurrent = false;

// A yield to the event loop without setTimeout's 4 ms clamp.
const channel = new MessageChannel();
const pause = () => new Promise((resolve) => {
  channel.port1.onmessage = resolve;
  channel.port2.postMessage(0);
});

self.onmessage = ({ data }) => {
  if ('cancel' in data) {
    if (data.cancel === current) dropCurrent = true;
    const i = queue.findIndex((r) => r.run === data.cancel);
    if (i >= 0) queue.splice(i, 1);
    return;
  }
  queue.push(data);
  if (current === null && queue.length === 1) drain();
};

async function drain() {
  let core;
  try {
    core = await ready;
  } catch (e) {
    for (const r of queue.splice(0)) postMessage({ id: r.run, error: `the core failed to load: ${e.message}` });
    return;
  }
  while (queue.length) {
    const req = queue.shift();
    current = req.run;
    dropCurrent = false;
    try {
      await runOne(core, req);
    } catch (e) {
      postMessage({ id: req.run, error: e.message });
    }
    current = null;
  }
}

const buffers = (o) => Object.values(o).flatMap((v) =>
  ArrayBuffer.isView(v) ? [v.buffer] : v && typeof v === 'object' ? buffers(v) : []);

async function runOne(core, { run: id, preset, stream }) {
  const job = core.start(preset);
  try {
    let k = 1, shown = performance.now();
    for (;;) {
      const t0 = performance.now();
      const { done, t } = job.advance(k);
      const ms = performance.now() - t0;
      // grow or shrink the chunk towards CHUNK_MS, at most 4x at a time
      k = Math.max(1, Math.round(k * Math.min(4, CHUNK_MS / Math.max(ms, 0.01))));
      if (done) break;
      if (stream) {
        const progress = { t, steps: preset.steps };
        if (performance.now() - shown >= SNAPSHOT_MS) {
          shown = performance.now();
          for (const name of ['loss', 'lr', 'eval_step', 'test_loss']) progress[name] = job.out(name);
        }
        postMessage({ id, progress }, buffers(progress));
      }
      await pause();
      if (dropCurrent) return;
    }
    job.finish();
    const result = Object.assign(job.result(), job.grids());
    postMessage({ id, result }, buffers(result));
  } finally {
    job.free();
  }
}
