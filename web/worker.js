// worker.js - a Web Worker around web/host.js (its messages are listed
// there) with its own core. Its first message, { hello: true }, tells
// web/spawn.js that the worker started.
import { loadCore } from './core.js';
import { fetchedSource } from './core-fetch.js';
import { createHost } from './host.js';

const host = createHost((message, transfer) => postMessage(message, transfer), loadCore({ source: fetchedSource }));
self.onmessage = ({ data }) => host.receive(data);
postMessage({ hello: true });
