// tfjs.mjs - the benchmark's TensorFlow.js 4.22 implementation: the same
// workloads as js.mjs with tf.variable, tf.train.adam and minimize over the
// full batch, on the wasm backend (SIMD, one thread) or the cpu backend.
// useBackend(name) must be awaited before w1 / w2 run on that backend.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import tf from '@tensorflow/tfjs';
import * as tfwasm from '@tensorflow/tfjs-backend-wasm';
import { glorot, moons, ROSENBROCK_START } from './data.mjs';

const require = createRequire(import.meta.url);
const WASM_DIR = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm')) + path.sep;

// Production mode drops TF.js's correctness checks (and its console hints):
// the best case for TF.js.
tf.enableProdMode();

// A variable initialized from a new tensor, which is then freed (the
// variable keeps its own reference to the data).
function variable(tensor) {
  const v = tf.variable(tensor);
  tensor.dispose();
  return v;
}

// The value of a scalar made by fn, every intermediate freed.
function read(fn) {
  const t = tf.tidy(fn);
  try {
    return t.dataSync()[0];
  } finally {
    t.dispose();
  }
}

// The wasm backend reads its binary with fs when it initializes; recording
// the file's name is how we know which build (plain, SIMD, threaded SIMD)
// actually runs.
async function initWasm() {
  const { setWasmPaths, getThreadsCount } = tfwasm.default ?? tfwasm;
  // Node has no threads for this backend (tfjs#3830): never try them.
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  setWasmPaths(WASM_DIR);
  const loaded = [];
  const { readFileSync, readFile } = fs;
  const note = (p) => String(p).endsWith('.wasm') && loaded.push(path.basename(String(p)));
  fs.readFileSync = (p, ...rest) => (note(p), readFileSync(p, ...rest));
  fs.readFile = (p, ...rest) => (note(p), readFile(p, ...rest));
  try {
    if (!(await tf.setBackend('wasm'))) throw new Error('tf.setBackend("wasm") failed');
  } finally {
    fs.readFileSync = readFileSync;
    fs.readFile = readFile;
  }
  return {
    file: loaded.join(', ') || 'unknown',
    simd: loaded.length === 1 && loaded[0].includes('simd'),
    threads: getThreadsCount(),
  };
}

let wasmInfo = null;

// Switches to backend 'wasm' or 'cpu'; returns what actually runs:
// { backend: tf.getBackend(), file, simd, threads } (the last three for wasm).
export async function useBackend(name) {
  if (name === 'wasm' && !wasmInfo) wasmInfo = await initWasm();
  if (!(await tf.setBackend(name))) throw new Error(`tf.setBackend("${name}") failed`);
  await tf.ready();
  const backend = tf.getBackend();
  if (backend !== name) throw new Error(`asked for backend ${name}, got ${backend}`);
  return { backend, version: tf.version.tfjs, ...(name === 'wasm' ? wasmInfo : {}) };
}

// W1: full-batch training of 2 -> hidden -> 1 (tanh) on n half-moon points
// with Adam; mean binary cross-entropy from the logits. Returns the final
// loss. The loss is only read back at the end (TF.js's best case).
export function w1({ n = 256, hidden = [16, 16], steps = 500, lr = 0.01, noise = 0.1, seed = 1 } = {}) {
  const { x, y } = moons(n, noise, seed);
  const X = tf.tensor2d(x, [n, 2]);
  const Y = tf.tensor2d(y, [n, 1]);
  const layers = glorot([2, ...hidden, 1], seed).map(({ nin, nout, w, b }) => ({
    w: variable(tf.tensor2d(w, [nin, nout])),
    b: variable(tf.tensor1d(b)),
  }));
  const vars = layers.flatMap(({ w, b }) => [w, b]);
  const opt = tf.train.adam(lr, 0.9, 0.999, 1e-8);
  const loss = () => {
    let a = X;
    layers.forEach(({ w, b }, l) => {
      const z = tf.add(tf.matMul(a, w), b);
      a = l === layers.length - 1 ? z : tf.tanh(z);
    });
    return tf.losses.sigmoidCrossEntropy(Y, a);
  };
  try {
    for (let t = 0; t < steps; t++) tf.tidy(() => opt.minimize(loss, false, vars));
    return read(loss);
  } finally {
    tf.dispose([X, Y, ...vars]);
    opt.dispose();
  }
}

// W2: Adam on Rosenbrock, reading the loss and the point back at every step
// into loss (steps + 1) and path (steps + 1, 2).
export function w2({ steps = 10000, lr = 0.01, start = ROSENBROCK_START } = {}) {
  const loss = new Float32Array(steps + 1);
  const path = new Float32Array(2 * (steps + 1));
  const p = variable(tf.tensor1d(start));
  const opt = tf.train.adam(lr, 0.9, 0.999, 1e-8);
  const f = () => {
    const [x, y] = tf.split(p, 2);
    const a = tf.sub(1, x);
    const b = tf.sub(y, tf.square(x));
    return tf.sum(tf.add(tf.square(a), tf.mul(100, tf.square(b))));
  };
  try {
    for (let t = 0; t < steps; t++) {
      path.set(p.dataSync(), 2 * t);
      const cost = tf.tidy(() => opt.minimize(f, true, [p]));
      loss[t] = cost.dataSync()[0];
      cost.dispose();
    }
    path.set(p.dataSync(), 2 * steps);
    loss[steps] = read(f);
    return { loss, path };
  } finally {
    p.dispose();
    opt.dispose();
  }
}

// Live tensors, to check that a run leaks nothing.
export const numTensors = () => tf.memory().numTensors;
