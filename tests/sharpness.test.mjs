// The edge of stability: on quadratic with cond c the core's sharpness is c,
// so plain gradient descent's divergence boundary 2 / lambda_max is 2 / c:
// sgd converges just below it and diverges just above it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadCore } from '../web/core.js';
import { parse } from '../web/preset.js';

const core = await loadCore();
const run = (text) => core.run(parse(text, { strict: true }).preset);

describe('sharpness', () => {
  for (const c of [3, 10, 100]) {
    it(`quadratic cond ${c}: 2 / lambda_max = 2 / c, and sgd's boundary is there`, () => {
      const r = run(`v=1&problem=quadratic&cond=${c}&opt=sgd&steps=10`);
      assert.equal(r.sharpness.length, r.loss.length);
      assert.ok(Math.abs(2 / r.sharpness[0] - 2 / c) <= 1e-4, `2/lambda ${2 / r.sharpness[0]}`);
      const below = run(`v=1&problem=quadratic&cond=${c}&opt=sgd&lr=${0.99 * 2 / c}&steps=3000`);
      const above = run(`v=1&problem=quadratic&cond=${c}&opt=sgd&lr=${1.01 * 2 / c}&steps=3000`);
      assert.equal(below.diverged_at, null);
      assert.ok(below.loss[3000] < 1e-6 * below.loss[0], `final loss ${below.loss[3000]}`);
      assert.notEqual(above.diverged_at, null);
    });
  }

  it('is measured on demand for data problems, at any evaluation', () => {
    const job = core.start(parse('v=1&problem=mlp&opt=adam&steps=300', { strict: true }).preset);
    try {
      job.advance(Infinity);
      job.finish();
      const r = job.result();
      assert.equal(r.sharpness.length, 0, 'data runs do not pay for it in the run');
      const first = job.sharpness(0), last = job.sharpness(r.eval_step.length - 1);
      assert.ok(Number.isFinite(first) && first > 0, `first ${first}`);
      assert.ok(Number.isFinite(last) && last !== first, `last ${last}`);
      assert.ok(Number.isNaN(job.sharpness(r.eval_step.length)));
      assert.equal(job.result().fingerprint, r.fingerprint);
    } finally {
      job.free();
    }
  });
});
