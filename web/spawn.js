// spawn.js - spawnWorker() gives the page a worker running web/host.js: a
// Web Worker (web/gen/worker.js, beside the page's bundle) where the page
// may start one, else the same host on the main thread behind the same
// interface (postMessage, terminate, onmessage/onerror, addEventListener).
// A page opened from file:// or inside a sandboxed iframe has an opaque
// origin and may start no worker: Chromium throws at once, other browsers
// report an error event; either way, before the worker's hello, the
// messages so far go to a host on the page instead. The main-thread host
// advances runs in short chunks, so the page stays responsive; the tools
// (find, sweep, tune) then block it while they compute.
import { BUNDLE_URL } from './bundle-url.js';
import { createHost } from './host.js';
import { withOwn } from './own-data.js';
import { pageCore } from './page-core.js';

const WORKER_URL = BUNDLE_URL && typeof document !== 'undefined' ? new URL('worker.js', BUNDLE_URL).href : null;

class PageWorker extends EventTarget {
  constructor() {
    super();
    this.onmessage = null;
    this.onerror = null;
    this.backlog = []; // messages posted before the worker said hello
    this.host = null;
    this.worker = null;
    this.dead = false;
    try {
      this.worker = WORKER_URL && new Worker(WORKER_URL);
    } catch {
      this.worker = null; // not allowed here
    }
    if (!this.worker) return void this.onPage();
    this.worker.onmessage = ({ data }) => {
      if (data?.hello) return this.started();
      this.deliver(data);
    };
    this.worker.onerror = (e) => {
      e.preventDefault();
      if (this.backlog) this.onPage(); // it never started
      else this.fail(e.message);
    };
  }

  started() {
    for (const m of this.backlog) this.worker.postMessage(m);
    this.backlog = null;
  }

  onPage() {
    this.worker?.terminate();
    this.worker = null;
    this.host = createHost((data) => setTimeout(() => this.deliver(data)), pageCore());
    for (const m of this.backlog) this.toHost(m);
    this.backlog = null;
  }

  toHost(message) {
    const copy = structuredClone(message); // as a worker would receive it
    setTimeout(() => !this.dead && this.host.receive(copy));
  }

  deliver(data) {
    if (this.dead) return;
    const event = new MessageEvent('message', { data });
    this.onmessage?.(event);
    this.dispatchEvent(event);
  }

  fail(message) {
    const event = new ErrorEvent('error', { message: message ?? 'the worker failed', cancelable: true });
    this.onerror?.(event);
    this.dispatchEvent(event);
  }

  postMessage(raw) {
    if (this.dead) return;
    const message = withOwn(raw);
    if (this.backlog) this.backlog.push(message);
    else if (this.host) this.toHost(message);
    else this.worker.postMessage(message);
  }

  terminate() {
    this.dead = true;
    this.worker?.terminate();
    this.host?.stop();
  }
}

export const spawnWorker = () => new PageWorker();
