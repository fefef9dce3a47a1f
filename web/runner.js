// runner.js - the page's side of web/worker.js: run(preset) → a request with
// a promise of the result; cancel() drops one request, stop() ends every
// request at once by replacing the worker (its promises reject with
// Stopped). The worker is web/spawn.js's: a Web Worker, or the same host on
// the page where none may start.
import { spawnWorker } from './spawn.js';

export class Stopped extends Error {
  constructor() {
    super('stopped');
    this.name = 'Stopped';
  }
}

export class Runner {
  constructor() {
    this.next = 1;
    this.pending = new Map(); // id → { resolve, reject, onProgress }
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
    if (progress) return p.onProgress?.(progress);
    this.pending.delete(id);
    if (error !== undefined) p.reject(new Error(error));
    else p.resolve(result);
  }

  // { id, promise }; onProgress(progress) while it runs (stream); first:
  // before every other run (web/host.js), the page's current run.
  run(preset, { onProgress = null, first = false } = {}) {
    const id = this.next++;
    const promise = new Promise((resolve, reject) => this.pending.set(id, { resolve, reject, onProgress }));
    this.worker.postMessage({ run: id, preset, stream: Boolean(onProgress), first });
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

  // Terminates the worker (whatever it is computing) and starts a fresh one.
  stop() {
    this.worker.terminate();
    this.spawn();
    this.failAll(new Stopped());
  }

  get busy() {
    return this.pending.size > 0;
  }
}
