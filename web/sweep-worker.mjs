// sweep-worker.mjs - one worker thread of sweepParallel (web/tools.js): loads
// its own core, then answers each { i, preset } with { i, result } (the
// summary of sweepOne) or { i, error }.
import { parentPort } from 'node:worker_threads';
import { loadCore } from './core.js';
import { adopt } from './own-data.js';
import { sweepOne } from './tools.js';

const core = loadCore(); // a promise; messages that arrive first wait for it

parentPort.on('message', async (message) => {
  const { i, preset } = message;
  adopt(message); // a file's data, when the preset names a file
  try {
    parentPort.postMessage({ i, result: sweepOne(await core, preset) });
  } catch (e) {
    parentPort.postMessage({ i, error: { name: e.name, message: e.message, code: e.code, key: e.key } });
  }
});
