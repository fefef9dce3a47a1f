// core.js over the WASM module: runs, errors, memory, and the SIMD kernels
// against their scalar twins inside WebAssembly.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Core, CoreError, loadCore } from '../web/core.js';
import { parse } from '../web/preset.js';

const simd = await loadCore();
const scalar = await loadCore({ scalar: true });
const preset = (text) => parse(text, { strict: true }).preset;

describe('run', () => {
  it('returns typed arrays of the documented lengths', () => {
    const r = simd.run(preset('v=1&problem=quadratic&steps=50'));
    assert.ok(r.loss instanceof Float32Array && r.lr instanceof Float64Array && r.path instanceof Float32Array);
    assert.equal(r.loss.length, 51);
    assert.equal(r.lr.length, 50);
    assert.equal(r.path.length, 102);
    assert.equal(r.diverged_at, null);
    assert.match(r.fingerprint, /^[0-9a-f]{16}$/);
    assert.deepEqual([r.path[0], r.path[1]], [-4, 2]);
  });

  it('gives the same fingerprint twice and a different one for another rate', () => {
    const a = simd.run(preset('v=1&opt=adam&lr=0.02&sched=cosine&steps=300'));
    const b = simd.run(preset('v=1&opt=adam&lr=0.02&sched=cosine&steps=300'));
    const c = simd.run(preset('v=1&opt=adam&lr=0.021&sched=cosine&steps=300'));
    assert.equal(a.fingerprint, b.fingerprint);
    assert.notEqual(a.fingerprint, c.fingerprint);
  });

  it('gives the same bits in the SIMD and the scalar build', () => {
    for (const text of ['v=1&opt=adam&amsgrad=1', 'v=1&problem=beale&opt=rmsprop&lr=0.01&sched=onecycle', 'v=1&problem=wells&opt=nesterov&sched=plateau']) {
      assert.equal(simd.run(preset(text)).fingerprint, scalar.run(preset(text)).fingerprint, text);
    }
  });

  it('stops at a divergence with t + 1 losses and t rates', () => {
    const r = simd.run(preset('v=1&problem=quadratic&cond=100&lr=0.03&steps=100'));
    assert.equal(r.diverged_at, 13);
    assert.equal(r.loss.length, 14);
    assert.equal(r.lr.length, 13);
    assert.ok(!(r.loss[13] <= 1e10));
    assert.ok(r.loss[12] <= 1e10);
  });

  it('turns C error codes into CoreError with the code, the C message and the key', () => {
    const bad = { ...preset('v=1'), lr: 0 };
    assert.throws(() => simd.run(bad), (e) => e instanceof CoreError && e.key === 'lr' && e.code > 0 && /out of range/.test(e.message));
    const nesterov = { ...preset('v=1&opt=nesterov'), momentum: 0 };
    assert.throws(() => simd.run(nesterov), (e) => e instanceof CoreError && e.key === 'momentum' && /nesterov/.test(e.message));
    const missing = { ...preset('v=1') };
    delete missing.gamma;
    assert.throws(() => simd.run(missing), (e) => e instanceof CoreError && e.key === 'gamma');
    assert.throws(() => simd.run({ ...preset('v=1'), opt: 'lbfgs' }), (e) => e instanceof CoreError && e.key === 'opt');
    // the core (the worker's) bounds the batch by the training points, as web/keys.js does (issue 16)
    const split = preset('v=1&problem=mlp&n=10&holdout=0.5&steps=5');
    assert.throws(() => simd.run({ ...split, batch: 6 }), (e) => e instanceof CoreError && e.key === 'batch' && /training points/.test(e.message));
    assert.equal(simd.run({ ...split, batch: 5 }).fingerprint, simd.run(split).fingerprint); // all of them: the full batch
  });

  it('frees what it allocates: 2000 runs leave the heap as after the first 10', async () => {
    const core = await loadCore();
    const p = preset('v=1&steps=5000');
    const heapAfter = (n) => { for (let i = 0; i < n; i++) core.run(p); return core.M.HEAP8.length; };
    const first = heapAfter(10);
    const probe = core.c.malloc(16);
    core.c.free(probe);
    assert.equal(heapAfter(2000), first);
    assert.throws(() => core.run({ ...p, lr: -1 }), CoreError);
    const again = core.c.malloc(16);
    core.c.free(again);
    assert.equal(again, probe, 'a failed run leaked memory');
  });
});

describe('surfaceGrid', () => {
  it('evaluates the loss where the run does', () => {
    const g = simd.surfaceGrid('rosenbrock', 10, [-1.5, 1.5], [2, 3], 2, 2);
    assert.equal(g[0], simd.run(preset('v=1&steps=1')).loss[0]);
    assert.equal(g[3], 0.25 + 100 * (3 - 2.25) ** 2);
  });
});

describe('the SIMD optimizer kernels in WebAssembly', () => {
  // Runs `steps` updates of n parameters from a fixed pseudo-random start
  // and returns the parameters and the state as bytes.
  function updates(core, settings, simdFlag, n = 37, steps = 50) {
    const { c, M } = core;
    const cfg = preset(`v=1&${settings}`);
    return core.withAlloc([core.configSize, c.lrp_optim_size(), 4 * n, 4 * n, 4 * 3 * n], (pc, po, pp, pg, ps) => {
      core.writeConfig(pc, cfg);
      c.lrp_optim_init(po, pc);
      const len = c.lrp_optim_state_len(po, n);
      M.HEAPF32.fill(0, ps >> 2, (ps >> 2) + 3 * n);
      let seed = 12345;
      const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32) * 4 - 2;
      for (let i = 0; i < n; i++) M.HEAPF32[(pp >> 2) + i] = rand();
      for (let s = 0; s < steps; s++) {
        for (let i = 0; i < n; i++) M.HEAPF32[(pg >> 2) + i] = rand() + 0.1 * M.HEAPF32[(pp >> 2) + i];
        c.lrp_optim_update(po, pp, pg, ps, n, cfg.lr * (1 + (s % 3)), simdFlag);
      }
      return Buffer.from(M.HEAPU8.slice(pp, pp + 4 * n).buffer).toString('hex') + '|' +
        Buffer.from(M.HEAPU8.slice(ps, ps + 4 * len).buffer).toString('hex');
    });
  }

  const SETTINGS = ['opt=sgd', 'opt=sgd&wd=0.1', 'opt=momentum', 'opt=nesterov&wd=0.05', 'opt=adagrad', 'opt=rmsprop&wd=0.01',
    'opt=adam', 'opt=adam&amsgrad=1&wd=0.1', 'opt=adam&bc=0', 'opt=adamw', 'opt=adamw&amsgrad=1&b1=0.8&b2=0.99'];
  for (const settings of SETTINGS) {
    it(`${settings}: SIMD and scalar give the same bits`, () => {
      const a = updates(simd, settings, 1);
      assert.equal(a, updates(simd, settings, 0));
      assert.equal(a, updates(scalar, settings, 1));
      assert.notEqual(a, updates(simd, settings, 1, 37, 49), 'the updates changed nothing');
    });
  }
});

it('Core needs every bound function', () => {
  assert.throws(() => new Core({ exports: {} }), /lacks lrp_error_message/);
});

// core.js names LRP_E_NO_DATA by its number (lrp.h's error table, in order).
it('error 14 is own data without their points', async () => {
  const core = await loadCore();
  assert.equal(core.c.lrp_error_message(14), 'own data: the points have not been given');
});
