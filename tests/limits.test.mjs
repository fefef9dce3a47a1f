// The core at its limits, in Node (about 20 s on two cores):
// - memory: 10,000 consecutive runs in one module instance (surfaces, data
//   problems, grids, runs the core rejects, jobs freed midway, two jobs
//   alive at once) leave the WASM heap no larger than after the first 10,
//   and nothing allocated;
// - the extreme but valid presets (lr=100, steps=100000, n=10000,
//   hidden=64,64,64, batch=1 and their combinations), advanced in chunks as
//   the page's worker does (web/host.js: chunks of about CHUNK_MS, a stop or
//   a cancel lands between two chunks): each finishes or diverges, and no
//   chunk takes long. The heaviest (full batch, 100000 steps) is advanced for
//   a few seconds only, and its total time projected.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CoreError, loadCore } from '../web/core.js';
import { ENUMS, SURFACES, parse } from '../web/preset.js';

const preset = (text) => parse(text, { strict: true }).preset;

describe('memory: 10,000 runs in one module instance', () => {
  // One cycle of ten operations; operation k of cycle i varies the problem,
  // data set, seed and rate with i but never outgrows cycle 0, so that the
  // heap after the first ten is all the runs ever need.
  const CLASSIFY = ENUMS.data.slice(0, 5);
  const OPS = [
    // a surface, every one in turn
    (core, i) => core.run(preset(`v=1&problem=${SURFACES[i % 6]}&opt=${ENUMS.opt[i % 7]}&lr=0.00${1 + (i % 9)}&steps=2000`)),
    // a surface's contour grid
    (core, i) => core.surfaceGrid(SURFACES[i % 6], 10, [-2, 2], [-1, 3], 40, 40),
    // logistic regression with its grids
    (core, i) => core.run(preset(`v=1&problem=logreg&data=${CLASSIFY[i % 5]}&n=100&seed=${i}&steps=20`), { grids: true }),
    // linear regression, full batch and batch=1
    (core, i) => core.run(preset(`v=1&problem=linreg&data=${i % 2 ? 'sine' : 'line'}&batch=${i % 2}&n=50&seed=${i}&steps=30`), { grids: true }),
    // an mlp on every data set; the widest layers first
    (core, i) => core.run(preset(`v=1&problem=mlp&data=${ENUMS.data[i % 7]}&n=100&hidden=${['16,16', '8', '4,4,4'][i % 3]}` +
      `&act=${ENUMS.act[i % 3]}&opt=adam&seed=${i}&steps=20`)),
    // runs the core rejects (after the config is in the heap) or core.js refuses
    (core, i) => {
      const bad = [{ ...preset('v=1'), lr: -1 }, { ...preset('v=1&opt=nesterov'), momentum: 0 },
        { ...preset('v=1&problem=mlp'), hidden: [8, 0] }, { ...preset('v=1'), opt: 'lbfgs' },
        { ...preset('v=1&problem=logreg'), batch: 500 }][i % 5];
      assert.throws(() => core.run(bad), CoreError);
    },
    // a job freed midway, never finished
    (core, i) => {
      const job = core.start(preset(`v=1&problem=mlp&data=${ENUMS.data[i % 7]}&seed=${i}&steps=50`));
      job.advance(5);
      job.free();
    },
    // two jobs alive at once, freed in the order they started
    (core, i) => {
      const a = core.start(preset(`v=1&problem=${SURFACES[i % 6]}&steps=500`));
      const b = core.start(preset(`v=1&problem=logreg&n=100&seed=${i}&steps=30`));
      try {
        b.advance(3);
        a.free();
        b.advance(Infinity);
        b.finish();
        assert.ok(Number.isFinite(b.sharpness(0)));
        b.result();
      } finally {
        a.free();
        b.free();
      }
    },
    // a job as the page's worker runs it: in chunks, then its result and
    // small grids
    (core, i) => {
      const job = core.start(preset(`v=1&problem=mlp&data=${ENUMS.data[i % 7]}&n=60&seed=${i}&steps=40`));
      try {
        while (!job.advance(7).done);
        job.finish();
        Object.assign(job.result(), job.grids({ n: 5, m: 6 }));
      } finally {
        job.free();
      }
    },
    // a diverging data run; every tenth cycle, the largest job of all
    // (19 MB: the heap grows past its initial 16 MB) started beside a
    // small one and freed first
    (core, i) => {
      assert.notEqual(core.run(preset(`v=1&problem=mlp&data=sine&act=relu&lr=100&seed=${i}`)).diverged_at, null);
      if (i % 10) return;
      const small = core.start(preset(`v=1&problem=logreg&n=100&seed=${i}&steps=30`));
      const big = core.start(preset(`v=1&problem=mlp&n=10000&hidden=64,64,64&steps=100000&seed=${i}`));
      try {
        small.advance(10);
        big.free();
        small.advance(Infinity);
        small.finish();
      } finally {
        big.free();
        small.free();
      }
    },
  ];

  it('leaves the heap as after the first 10 runs, and nothing allocated', async () => {
    const core = await loadCore();
    // every allocation core.js makes goes through c.malloc / c.free
    const live = new Set();
    const { malloc, free } = core.c;
    core.c.malloc = (n) => { const p = malloc(n); live.add(p); return p; };
    core.c.free = (p) => { live.delete(p); free(p); };
    const heap = () => core.M.HEAPU8.buffer.byteLength;
    const probe = () => { const p = malloc(16); free(p); return p; };
    const initial = heap();
    const t0 = performance.now();
    let runs = 0;
    const opMs = OPS.map(() => 0);
    const cycle = (i) => OPS.forEach((op, k) => {
      const s = performance.now();
      op(core, i);
      opMs[k] += performance.now() - s;
      runs++;
    });
    cycle(0);
    const first = { heap: heap(), probe: probe(), live: live.size };
    for (let i = 1; runs < 10000; i++) cycle(i);
    const last = { heap: heap(), probe: probe(), live: live.size };
    const ms = performance.now() - t0;
    console.log(`# ${runs} runs in ${(ms / 1000).toFixed(1)} s: WASM heap ${initial} bytes at the start, ` +
      `${first.heap} after the first 10, ${last.heap} after all ${runs} ` +
      `(ms per operation kind: ${opMs.map((x) => x.toFixed(0)).join(', ')})`);
    assert.equal(runs, 10000);
    assert.equal(first.live, 0, 'allocations outlived the first 10 runs');
    assert.ok(last.heap <= first.heap, `the heap grew from ${first.heap} to ${last.heap} bytes`);
    assert.equal(last.live, 0, `${last.live} allocations outlived the runs`);
    assert.equal(last.probe, first.probe, 'a 16-byte block lands elsewhere than after the first 10: memory leaked');
  });
});

describe('extreme but valid presets, advanced in chunks as the page does', () => {
  // web/host.js (the page's worker): chunks grow or shrink towards CHUNK_MS,
  // at most 4x at a time, starting from one update; the loss and rate so
  // far are copied out every SNAPSHOT_MS, in the same task as a chunk.
  const CHUNK_MS = 12, SNAPSHOT_MS = 100;
  const CHUNK_LIMIT_MS = 250; // generous: a stop or cancel waits at most one chunk
  const FINAL_LIMIT_MS = 5000; // finish, result and grids: one task at the end

  // Runs text in chunks until done or for budget ms; every chunk's time.
  function drive(core, text, budget = Infinity) {
    const p = preset(text);
    const job = core.start(p);
    const chunks = [];
    let k = 1, shown = performance.now(), state;
    const t0 = performance.now();
    try {
      do {
        const s = performance.now();
        state = job.advance(k);
        const ms = performance.now() - s;
        k = Math.max(1, Math.round(k * Math.min(4, CHUNK_MS / Math.max(ms, 0.01))));
        if (!state.done && performance.now() - shown >= SNAPSHOT_MS) {
          shown = performance.now();
          for (const name of ['loss', 'lr', 'eval_step', 'test_loss']) job.out(name);
        }
        chunks.push(performance.now() - s);
      } while (!state.done && performance.now() - t0 < budget);
      const ms = performance.now() - t0;
      if (!state.done) return { p, chunks, ms, t: state.t, done: false };
      const s = performance.now();
      job.finish();
      const run = Object.assign(job.result(), job.grids());
      return { p, chunks, ms, t: state.t, done: true, run, finalMs: performance.now() - s };
    } finally {
      job.free();
    }
  }

  const f = (ms) => ms.toFixed(ms < 10 ? 2 : 0);
  const report = (text, r) => console.log(`# ${text}: ${r.done ? `${r.run.diverged_at === null ? 'finished' : `diverged at ${r.run.diverged_at}`}` +
    ` in ${f(r.ms)} ms` : `${r.t - 1} of ${r.p.steps} steps in ${f(r.ms)} ms, projected ${(r.ms / (r.t - 1) * r.p.steps / 60000).toFixed(0)} min`}, ` +
    `${r.chunks.length} chunks, longest ${f(Math.max(...r.chunks))} ms, median ${f([...r.chunks].sort((a, b) => a - b)[r.chunks.length >> 1])} ms` +
    `${r.done ? `; finish + result + grids ${f(r.finalMs)} ms` : ''}`);

  const EXTREME = [
    'v=1&lr=100',
    'v=1&problem=quadratic&opt=momentum&steps=100000',
    'v=1&problem=wells&opt=adam&lr=0.001&sched=cosine&steps=100000',
    'v=1&problem=mlp&n=10000',
    'v=1&problem=mlp&hidden=64,64,64&lr=100&steps=50',
    'v=1&problem=mlp&batch=1&steps=100000',
    'v=1&problem=linreg&n=10000&batch=1&lr=100&steps=100000',
    'v=1&problem=logreg&n=10000&batch=1&lr=100&steps=100000',
    'v=1&problem=mlp&data=spiral&n=10000&hidden=64,64,64&act=relu&lr=100&steps=100000',
    'v=1&problem=mlp&data=sine&n=10000&hidden=64,64,64&batch=1&lr=100&steps=100000',
    'v=1&problem=mlp&n=10000&hidden=64,64,64&batch=1&steps=100000',
  ];
  for (const text of EXTREME) {
    it(`${text}: finishes or diverges, in chunks of < ${CHUNK_LIMIT_MS} ms`, async () => {
      const r = drive(await loadCore(), text);
      report(text, r);
      assert.ok(r.done);
      const { run } = r;
      const last = run.diverged_at ?? r.p.steps;
      assert.equal(run.loss.length, last + 1);
      assert.equal(run.lr.length, last);
      if (run.diverged_at === null) assert.ok(run.loss.every(Number.isFinite), 'a finished run has finite losses');
      assert.ok(Math.max(...r.chunks) < CHUNK_LIMIT_MS, `a chunk took ${f(Math.max(...r.chunks))} ms`);
      assert.ok(r.finalMs < FINAL_LIMIT_MS, `finish, result and grids took ${f(r.finalMs)} ms`);
    });
  }

  // About 20 ms an update on 8000 rows through three layers of 64: far
  // too long to finish here; its chunks are what a stop waits for.
  const HEAVIEST = 'v=1&problem=mlp&n=10000&hidden=64,64,64&steps=100000';
  it(`${HEAVIEST}: chunks of < ${CHUNK_LIMIT_MS} ms for 3 s; projected total`, async () => {
    const r = drive(await loadCore(), HEAVIEST, 3000);
    report(HEAVIEST, r);
    assert.ok(r.t > 10, `only ${r.t} steps in 3 s`);
    assert.ok(Math.max(...r.chunks) < CHUNK_LIMIT_MS, `a chunk took ${f(Math.max(...r.chunks))} ms`);
  });
});
