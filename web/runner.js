// runner.js - the page's side of web/worker.js: run(preset) → a request with
// a promise of the result; cancel(id) drops one request, stop(id) ends one
// (its promise rejects with Stopped; the others go on). The worker is
// web/spawn.js's: a Web Worker, or the same host on the page where none
// may start. pace learns from every run's progress how fast this machine
// computes (web/estimate.js).
import { spawnWorker } from './spawn.js';
import { Pace } from './estimate.js';

export class Stopped extends Error {
  constructor() {
    super('stopped');
    this.name = 'Stopped';
  }
}

export class Runner {
  constructor() {
    this.next = 1;
    this.pending = new Map(); // id → { resolve, reject, onProgress, preset }
    this.pace = new Pace();
    this.spawn();
  }

  spawn() {
    this.worker = spawnWorker();
    this.worker.onmessage = ({ data }) => this.receive(data);
    this.worker.onerror = (e) => {
      e.preventDefault();
      this.failAll(new Error(`the worker failed: ${e.message ?? 'unknown error'}`));
    };
  }

  receive({ id, progress, result, error }) {
    const p = this.pending.get(id);
    if (!p) return; // cancelled meanwhile
    if (progress) {
      this.pace.learn(p.preset, progress.t, progress.ms);
      return p.onProgress?.(progress);
    }
    this.pending.delete(id);
    if (error !== undefined) p.reject(new Error(error));
    else p.resolve(result);
  }

  // { id, promise }; onProgress(progress) while it runs (stream; with
  // snapshots, the arrays so far every 100 ms; without, a pin's, only the
  // step and the time computed); first: before every other run
  // (web/host.js), the page's current run.
  run(preset, { onProgress = null, snapshots = true, first = false } = {}) {
    const id = this.next++;
    const promise = new Promise((resolve, reject) => this.pending.set(id, { resolve, reject, onProgress, preset }));
    const stream = onProgress ? snapshots || 'steps' : false;
    this.worker.postMessage({ run: id, preset, stream, first });
    return { id, promise };
  }

  // Drops a request; its promise never settles.
  cancel(id) {
    if (!this.pending.delete(id)) return;
    this.worker.postMessage({ cancel: id });
  }

  failAll(error) {
    const all = [...this.pending.values()];
    this.pending.clear();
    for (const p of all) p.reject(error);
  }

  // Ends request id: the worker drops it at its next pause (a chunk of
  // about 12 ms) and goes on with the others (the pins after the current
  // run); its promise rejects with Stopped at once.
  stop(id) {
    const p = this.pending.get(id);
    this.cancel(id);
    p?.reject(new Stopped());
  }

  get busy() {
    return this.pending.size > 0;
  }
}
