// Data problems through core.js and the CLI: accuracy, determinism, SIMD
// against scalar, streaming, grids and the command line's output.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { loadCore } from '../web/core.js';
import { parse } from '../web/preset.js';

const simd = await loadCore();
const scalar = await loadCore({ scalar: true });
const preset = (text) => parse(`v=1&${text}`, { strict: true }).preset;
const CLI = new URL('../web/cli.mjs', import.meta.url).pathname;

describe('training on data', () => {
  for (const problem of ['logreg', 'mlp']) {
    it(`${problem} on moons reaches held-out accuracy >= 0.95 with adam defaults in 2000 steps`, () => {
      const r = simd.run(preset(`problem=${problem}&opt=adam&steps=2000`));
      assert.ok(r.test_acc.at(-1) >= 0.95, `held-out accuracy ${r.test_acc.at(-1)}`);
      assert.equal(r.eval_step.at(-1), 2000);
    });
  }

  it('an mlp separates circles and xor where logistic regression cannot', () => {
    for (const data of ['circles', 'xor']) {
      const lin = simd.run(preset(`problem=logreg&data=${data}&opt=adam&steps=1000`));
      const mlp = simd.run(preset(`problem=mlp&data=${data}&opt=adam&lr=0.03&steps=1000`));
      const [l, m, mt] = [lin.test_acc.at(-1), mlp.test_acc.at(-1), mlp.train_acc.at(-1)];
      assert.ok(l < 0.7 && m >= 0.85 && mt >= 0.95, `${data}: logreg ${l}, mlp ${m} (train ${mt})`);
    }
  });

  it('the same preset twice gives the same fingerprint; another seed another one', () => {
    const text = 'problem=mlp&data=spiral&hidden=16,16&opt=adam&steps=300&batch=32';
    assert.equal(simd.run(preset(text)).fingerprint, simd.run(preset(text)).fingerprint);
    assert.notEqual(simd.run(preset(text)).fingerprint, simd.run(preset(`${text}&seed=2`)).fingerprint);
  });

  it('the SIMD and the scalar build agree to the bit on full runs', () => {
    for (const text of ['problem=mlp&hidden=16,16&opt=adam&steps=300', 'problem=mlp&act=relu&hidden=7,5&batch=20&steps=200&opt=momentum',
      'problem=mlp&data=sine&act=sigmoid&hidden=12,12,12&opt=rmsprop&lr=0.003&steps=200', 'problem=logreg&data=xor&opt=adamw&steps=200']) {
      const a = simd.run(preset(text)), b = scalar.run(preset(text));
      assert.equal(a.fingerprint, b.fingerprint, text);
      assert.deepEqual(a.test_loss, b.test_loss, text);
    }
  });

  it('streaming in chunks gives the same run as one advance', () => {
    const p = preset('problem=mlp&opt=adam&steps=500&batch=25');
    const whole = simd.run(p);
    const job = simd.start(p);
    try {
      let progress, calls = 0;
      do { progress = job.advance(37); calls++; } while (!progress.done);
      job.finish();
      assert.ok(calls > 10);
      assert.equal(job.result().fingerprint, whole.fingerprint);
    } finally {
      job.free();
    }
  });

  it('reports divergence on data as on surfaces', () => {
    const r = simd.run(preset('problem=linreg&opt=sgd&lr=50&steps=100'));
    assert.ok(r.diverged_at > 0);
    assert.equal(r.loss.length, r.diverged_at + 1);
    assert.equal(r.lr.length, r.diverged_at);
    assert.equal(r.eval_step.at(-1), r.diverged_at);
  });

  it('linreg draws its path in the (weight, bias) plane and ends at the least-squares fit', () => {
    const r = simd.run(preset('problem=linreg&opt=sgd&lr=0.3&steps=2000&noise=0'));
    const [w, b] = r.path.slice(-2);
    assert.ok(Math.abs(w - 1.5) < 1e-4 && Math.abs(b + 0.5) < 1e-4, `w ${w}, b ${b}`); // line: y = 1.5x - 0.5
    assert.deepEqual(Array.from(r.path.slice(0, 2)), [0, 0]);
  });

  it('gives grids: the landscape has its minimum near the end of the path, the prediction is a probability', () => {
    const r = simd.run(preset('problem=mlp&opt=adam&steps=1000'), { grids: true });
    const { landscape, prediction } = r;
    assert.equal(landscape.loss.length, landscape.nx * landscape.ny);
    const centre = landscape.loss[Math.floor(landscape.ny / 2) * landscape.nx + Math.floor(landscape.nx / 2)];
    assert.ok(Math.min(...landscape.loss) <= centre + 1e-6 || Math.abs(r.path.at(-1)) < 1e-6);
    assert.deepEqual(Array.from(r.path.slice(-2)), [0, 0]);
    assert.ok(prediction.output.every((p) => p >= 0 && p <= 1));
    assert.ok(prediction.output.some((p) => p < 0.1) && prediction.output.some((p) => p > 0.9));
  });
});

describe('the command line on data problems', () => {
  it('prints losses, accuracies, path and grids', () => {
    const r = spawnSync(process.execPath, [CLI, 'run', 'v=1&problem=mlp&data=spiral&hidden=16,16&opt=adam&lr=0.01&steps=2000', '--data'],
      { encoding: 'utf8', maxBuffer: 1 << 26 });
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.loss.length, 2001);
    assert.equal(out.eval.step.length, out.path.length);
    assert.equal(out.eval.step.at(-1), 2000);
    assert.equal(out.landscape.loss.length, out.landscape.nx * out.landscape.ny);
    assert.equal(out.prediction.output.length, out.prediction.nx * out.prediction.ny);
    assert.equal(out.data.x.length, 200);
    assert.equal(out.data.test.filter(Boolean).length, 40);
    assert.ok(out.eval.train_acc.at(-1) > 0.9);
  });

  // README: "run --data" carries the start of the run: the split, the initial
  // weights in nn.Linear's layout and every epoch's batch order; from them
  // alone a forward pass gives the run's first mini-batch loss.
  it('--data adds the split, the initial weights and the batch order, from which loss[0] follows', () => {
    const r = spawnSync(process.execPath, [CLI, 'run', 'v=1&problem=mlp&hidden=5,3&n=60&batch=16&steps=20', '--data'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const { start, data, loss } = JSON.parse(r.stdout);
    assert.deepEqual([...start.train_rows, ...start.heldout_rows].sort((a, b) => a - b), Array.from({ length: 60 }, (_, i) => i));
    assert.deepEqual(start.heldout_rows.slice().sort((a, b) => a - b), data.test.flatMap((t, i) => (t ? [i] : [])));
    assert.deepEqual(start.init.map((l) => [l.weight.length, l.weight[0].length, l.bias.length]), [[5, 2, 5], [3, 5, 3], [1, 3, 1]]);
    const nTrain = start.train_rows.length;
    assert.equal(start.batch, 16);
    assert.ok(start.epochs.length >= Math.ceil(21 / Math.ceil(nTrain / 16)));
    for (const e of start.epochs) assert.deepEqual(e.slice().sort((a, b) => a - b), Array.from({ length: nTrain }, (_, i) => i));
    // the first batch's mean binary cross-entropy, from the logit of tanh layers
    const forward = (x) => start.init.reduce((h, { weight, bias }, l) => weight.map((row, o) => {
      const z = row.reduce((s, w, i) => s + w * h[i], bias[o]);
      return l + 1 < start.init.length ? Math.tanh(z) : z;
    }), x);
    const rows = start.epochs[0].slice(0, 16).map((k) => start.train_rows[k]);
    const bce = rows.reduce((s, i) => {
      const [z] = forward(data.x[i]);
      return s + Math.max(z, 0) - z * data.y[i] + Math.log1p(Math.exp(-Math.abs(z)));
    }, 0) / rows.length;
    assert.ok(Math.abs(bce - loss[0]) < 1e-5 * loss[0], `loss[0] ${loss[0]}, from the start ${bce}`);
  });
});
