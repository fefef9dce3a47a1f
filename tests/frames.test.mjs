// Playback frames (Job.frames(), in Job.grids()): the model at evenly spaced
// evaluations on the prediction's box, the last one the prediction itself,
// the first the untrained model; Job.predictAt refusing what is no
// evaluation; the work bound (web/frames.js); the host's transfer list.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CoreError, loadCore } from '../web/core.js';
import { FRAME_BUDGET, frameShape } from '../web/frames.js';
import { buffers } from '../web/host.js';
import { parse } from '../web/preset.js';

const simd = await loadCore();
const scalar = await loadCore({ scalar: true });
const preset = (text) => parse(`v=1&${text}`, { strict: true }).preset;
const bytes = (a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
const sameBits = (a, b) => a.length === b.length && bytes(a).equals(bytes(b));

// A finished job with its result and grids, freed after fn(job, run).
function withRun(core, text, fn) {
  const job = core.start(preset(text));
  try {
    job.advance(Infinity);
    job.finish();
    return fn(job, Object.assign(job.result(), job.grids({ frames: true })));
  } finally {
    job.free();
  }
}

const frame = (fr, f) => fr.output.subarray(f * fr.nx * fr.ny, (f + 1) * fr.nx * fr.ny);

// What every run's frames promise, whatever their shape.
function checkFrames(job, run) {
  const { frames: fr, prediction: pr, eval_step: evalStep } = run;
  const evals = evalStep.length, count = fr.eval.length;
  assert.ok(fr.eval instanceof Int32Array && fr.step instanceof Int32Array && fr.output instanceof Float32Array);
  assert.equal(fr.step.length, count);
  assert.equal(fr.output.length, count * fr.nx * fr.ny);
  assert.deepEqual(fr.box, pr.box);
  assert.equal(fr.eval[0], 0);
  assert.equal(fr.eval.at(-1), evals - 1);
  fr.eval.forEach((k, f) => { // evenly spaced, increasing
    assert.equal(k, count > 1 ? Math.round((f * (evals - 1)) / (count - 1)) : 0);
    if (f) assert.ok(k > fr.eval[f - 1]);
    assert.equal(fr.step[f], evalStep[k], `frame ${f}: step`);
  });
  assert.ok(count * fr.nx * fr.ny * run.n_params <= FRAME_BUDGET, `${count} frames of ${fr.nx} x ${fr.ny}, ${run.n_params} parameters`);
  // the last frame is the prediction, to the bit, where the grids agree
  const last = frame(fr, count - 1);
  if (fr.nx === pr.nx && fr.ny === pr.ny) assert.ok(sameBits(last, pr.output), 'last frame = prediction');
  assert.ok(sameBits(last, job.predictAt(evals - 1, fr.box, fr.nx, fr.ny)), 'last frame = predictAt(last)');
  const mid = Math.floor(count / 2);
  assert.ok(sameBits(frame(fr, mid), job.predictAt(fr.eval[mid], fr.box, fr.nx, fr.ny)), 'a middle frame = predictAt');
}

// Points where two grids differ by more than 0.1.
const differ = (a, b) => a.reduce((n, v, i) => n + (Math.abs(v - b[i]) > 0.1), 0);

describe('playback frames', () => {
  it('2-D data: frames at every evaluation on the prediction\'s 48 x 48 grid; the first is the untrained model', () => {
    withRun(simd, 'problem=mlp&opt=adam&steps=600', (job, run) => {
      checkFrames(job, run);
      const fr = run.frames;
      assert.deepEqual([fr.eval.length, fr.nx, fr.ny], [201, 48, 48]);
      const first = frame(fr, 0);
      assert.ok(differ(first, run.prediction.output) > first.length / 10, 'the first frame differs from the last');
      assert.ok(first.every((p) => p >= 0 && p <= 1));
    });
  });

  it('1-D data: frames of the curve, 100 points; a linear regression starts at 0 and is w x + b along its path', () => {
    withRun(simd, 'problem=mlp&data=sine&opt=adam&steps=300', (job, run) => {
      checkFrames(job, run);
      assert.deepEqual([run.frames.eval.length, run.frames.nx, run.frames.ny], [run.eval_step.length, 100, 1]);
      assert.ok(differ(frame(run.frames, 0), run.prediction.output) > 10);
    });
    withRun(simd, 'problem=linreg&opt=sgd&lr=0.1&steps=500', (job, run) => {
      checkFrames(job, run);
      const fr = run.frames, [lo, hi] = fr.box;
      assert.ok(frame(fr, 0).every((v) => v === 0), 'linear models start at zero');
      for (const f of [1, 10, fr.eval.length - 1]) {
        const [w, b] = run.path.subarray(2 * fr.eval[f], 2 * fr.eval[f] + 2); // the (weight, bias) plane
        frame(fr, f).forEach((v, i) => {
          const x = Math.fround(lo + ((hi - lo) * i) / (fr.nx - 1));
          assert.ok(Math.abs(v - (w * x + b)) <= 1e-6 * (1 + Math.abs(v)), `frame ${f} at x = ${x}: ${v} vs ${w * x + b}`);
        });
      }
    });
  });

  it('a heavy model gets fewer frames on a coarser grid, within the work bound', () => {
    withRun(simd, 'problem=mlp&n=10&hidden=64,64,64&steps=200', (job, run) => {
      checkFrames(job, run);
      const fr = run.frames;
      assert.equal(run.n_params, 8577);
      assert.ok(fr.nx < 48 && fr.nx >= 24 && fr.ny === fr.nx, `grid ${fr.nx} x ${fr.ny}`);
      assert.ok(fr.eval.length >= 100 && fr.eval.length < 201, `${fr.eval.length} frames`);
    });
  });

  it('a diverged run has frames up to its divergence', () => {
    withRun(simd, 'problem=linreg&opt=sgd&lr=50&steps=100', (job, run) => {
      assert.ok(run.diverged_at > 0);
      checkFrames(job, run);
      assert.equal(run.frames.step.at(-1), run.diverged_at);
    });
  });

  it('the SIMD and the scalar build give the same frames, to the bit', () => {
    const text = 'problem=mlp&data=spiral&hidden=16,16&act=relu&steps=300';
    const a = withRun(simd, text, (job, run) => run.frames), b = withRun(scalar, text, (job, run) => run.frames);
    assert.deepEqual(a.eval, b.eval);
    assert.ok(sameBits(a.output, b.output));
  });

  it('surfaces have no frames; a data run has them only when asked for (the command line does not)', () => {
    const r = simd.run(preset('problem=rosenbrock&steps=50'), { grids: true, frames: true });
    assert.equal(r.frames, undefined);
    assert.equal(r.prediction, undefined);
    const data = preset('problem=logreg&steps=50');
    assert.equal(simd.run(data, { grids: true }).frames, undefined);
    assert.equal(simd.run(data, { grids: true, frames: true }).frames.step.length, 51);
  });

  it('predictAt refuses an evaluation that does not exist, never wrapping it to one that does', () => {
    withRun(simd, 'problem=logreg&steps=100', (job, run) => {
      const evals = run.eval_step.length, box = run.prediction.box;
      for (const k of [-1, evals, 1.5, NaN, 2 ** 32, -(2 ** 32) + 1, Infinity]) {
        assert.throws(() => job.predictAt(k, box, 4, 4), (e) => e instanceof CoreError && /out of range/.test(e.message), `k = ${k}`);
      }
      assert.equal(job.predictAt(0, box, 4, 4).length, 16);
    });
  });

  it('frameShape holds every model to the budget and keeps the first and the last evaluation', () => {
    for (const evals of [1, 2, 4, 101, 201, 401]) {
      for (const nParams of [2, 3, 337, 4417, 8577]) {
        for (const [nx, ny] of [[48, 48], [6, 6], [100, 1]]) {
          const s = frameShape(evals, nParams, nx, ny);
          const where = `evals ${evals}, ${nParams} parameters, ${nx} x ${ny}`;
          assert.ok(s.count * s.nx * s.ny * nParams <= FRAME_BUDGET, where);
          assert.ok(s.count <= evals && s.count >= Math.min(evals, 2), where);
          assert.ok(ny === 1 ? s.nx === nx && s.ny === 1 : s.nx === s.ny && s.nx <= nx && s.nx >= Math.min(nx, 24), where);
        }
      }
    }
  });

  it('the host transfers the frames, not copies them', () => {
    withRun(simd, 'problem=mlp&data=moons&steps=100', (job, run) => {
      const list = buffers(run), { output, eval: at, step } = run.frames;
      for (const a of [output, at, step, run.prediction.output, run.landscape.loss]) assert.ok(list.includes(a.buffer));
      assert.equal(new Set(list).size, list.length);
      const sent = structuredClone({ id: 1, result: run }, { transfer: list });
      assert.equal(output.byteLength, 0, 'detached: moved, not copied');
      assert.equal(sent.result.frames.output.length, sent.result.frames.eval.length * 48 * 48);
    });
  });
});
