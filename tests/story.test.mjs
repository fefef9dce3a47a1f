// web/story.js: what a run did, in words, on real runs of the core.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadCore } from '../web/core.js';
import { parse } from '../web/preset.js';
import { SURFACE_MIN, atOrBefore, brief, className, divergence, lossAlt, modelAlt, overfit, rateAlt, standing, summarize, valuesAt } from '../web/story.js';

const core = await loadCore();
const run = (hash) => core.run(parse(hash).preset);

describe('story', () => {
  it('reads numbers without float noise', () => {
    assert.equal(brief(0.7000000000000001), '0.7');
    assert.equal(brief(9.829510538850172e-9), '9.83e-9');
    assert.equal(brief(2.6e13), '2.6e13');
    assert.equal(brief(28), '28');
    assert.equal(brief(Infinity), 'not finite');
  });

  it('says how the loss went: fell, barely moved, diverged', () => {
    assert.equal(summarize(run('v=1&problem=quadratic&lr=0.05')), 'The loss fell from 28 to 9.83e-9 in 200 steps.');
    assert.match(summarize(run('v=1&problem=quadratic&lr=0.00001')), /^The loss barely moved: from 28 to 2[\d.]+ in 200 steps\.$/);
    const bad = run('v=1&problem=quadratic&lr=0.25');
    assert.match(summarize(bad), /^The loss grew from 28 to [\d.e]+ in 25 steps: the run diverged\.$/);
    assert.match(divergence(bad), /^The loss passed 1e10 at step 25: /);
    assert.equal(divergence(run('v=1&problem=quadratic&lr=0.05')), null);
  });

  it('says when a run stopped above the surface\'s lowest loss, or is still far from it', () => {
    const min = (hash) => SURFACE_MIN[parse(hash).preset.problem];
    for (const [hash, where] of [['v=1&problem=saddle&lr=0.1', 'stuck'], ['v=1&problem=wells', 'stuck'], ['v=1&problem=quadratic&lr=0.001', 'slow'],
      ['v=1&lr=0.001', 'slow'], ['v=1&problem=quadratic&lr=0.05', null], ['v=1&problem=himmelblau&lr=0.01', null], ['v=1&problem=quadratic&lr=0.25', null]]) {
      assert.equal(standing(run(hash), min(hash)), where, hash);
    }
    // a loss that rose without diverging yet (the issue: "rose ..., and is still falling")
    const rose = run('v=1&problem=quadratic&lr=0.21&steps=60');
    assert.equal(rose.diverged_at, null);
    assert.equal(standing(rose, 0), null);
    assert.match(summarize(rose, 0), /^The loss rose from 28 to [\d.e]+ in 60 steps\.$/);
    assert.match(summarize(run('v=1&problem=saddle&lr=0.1'), -0.25), /then stopped moving, above this surface's lowest loss \(-0\.25\): stuck where the gradient is zero/);
    // the lowest losses are the surfaces' own
    for (const [problem, x, y] of [['saddle', 0, 1], ['wells', -1.0356, 0], ['rosenbrock', 1, 1], ['quadratic', 0, 0], ['beale', 3, 0.5], ['himmelblau', 3, 2]]) {
      const [v] = core.surfaceGrid(problem, 10, [x, x], [y, y], 2, 2);
      assert.ok(Math.abs(v - SURFACE_MIN[problem]) < 1e-4, `${problem}: ${v}`);
    }
  });

  it('gives a data problem\'s held-out numbers, and says when it overfits', () => {
    const fits = run('v=1&problem=logreg&steps=100');
    assert.match(summarize(fits), /Held-out loss [\d.]+, held-out accuracy [\d.]+%\.$/);
    assert.equal(overfit(fits), null);
    const memorises = run('v=1&problem=mlp&data=spiral&hidden=16,16&opt=adam&lr=0.01&steps=2000');
    const o = overfit(memorises);
    assert.ok(o && o.step < 2000 && memorises.test_loss.at(-1) > 1.2 * o.loss, JSON.stringify(o));
    assert.match(summarize(memorises), /It was lowest \([\d.]+\) at step \d+ and rose after: the model learns the training points, not the pattern\.$/);
  });

  it('puts the loss and rate charts in words (their text alternatives)', () => {
    assert.equal(lossAlt(run('v=1&problem=quadratic&lr=0.05')), 'Loss per step. The loss fell from 28 to 9.83e-9 in 200 steps.');
    const bad = run('v=1&problem=quadratic&lr=0.25');
    assert.equal(lossAlt(bad), `Loss per step. Diverged at step ${bad.diverged_at}: the loss passed 1e10, from 28 at step 0.`);
    const pins = [{ label: 'lr 0.25', values: bad.loss, diverged: true }, { label: 'lr 0.01', values: [3, 2, NaN], diverged: false }];
    assert.match(lossAlt(run('v=1&problem=quadratic&lr=0.05'), { pins }), / Pinned runs, dashed: lr 0\.25 diverged; lr 0\.01 ends at 2\.$/);
    assert.match(lossAlt(run('v=1&problem=logreg&steps=50')), / Dashed: the held-out loss, ending at [\d.e-]+\.$/);
    assert.equal(rateAlt([0.1, 0.2, 0.05]), 'Learning rate per step: 0.1 at step 0, highest 0.2 at step 1, 0.05 at step 2.');
    assert.equal(rateAlt([0.1, 0.05]), 'Learning rate per step: 0.1 at step 0, 0.05 at step 1.');
  });

  it('puts the decision map in words: how many classes, each one\'s colour and shape, the accuracy', () => {
    const pct = (v) => `${(100 * v).toFixed(1)}%`;
    const two = run('v=1&problem=mlp&data=moons&opt=adam&lr=0.02&steps=100');
    assert.equal(modelAlt(two, null), 'Decision map of the model at the end of the run, over its inputs x1 and x2, for 2 classes: ' +
      'blue where it predicts class 0, orange where class 1; the data as blue circles (class 0) and orange squares (class 1), ' +
      `training points filled, held-out ones hollow. Training accuracy ${pct(two.train_acc.at(-1))}. Held-out accuracy ${pct(two.test_acc.at(-1))}.`);
    const four = run('v=1&problem=mlp&data=spiral&classes=4&opt=adam&lr=0.02&hidden=16,16');
    assert.equal(modelAlt(four, 50, { classes: 4 }), 'Decision map of the model at step 50, over its inputs x1 and x2, for 4 classes: ' +
      'each region shaded in the colour of the class the model predicts there, paler where it is less sure; the data as ' +
      'blue circles (class 0), vermillion squares (class 1), green triangles (class 2) and purple diamonds (class 3), ' +
      `training points filled, held-out ones hollow. Training accuracy ${pct(four.train_acc[50])}. Held-out accuracy ${pct(four.test_acc[50])}.`);
    // own data's names stand for the numbers; no sentence says "class 1" then
    const named = modelAlt(four, null, { classes: 4, names: ['ant', 'bee', 'cat', 'dog'] });
    assert.match(named, /blue circles \(ant\), vermillion squares \(bee\), green triangles \(cat\) and purple diamonds \(dog\)/);
    assert.doesNotMatch(named, /class \d/);
    assert.match(modelAlt(run('v=1&problem=logreg&data=blobs&classes=8&steps=20'), null, { classes: 8 }),
      /for 8 classes: .* yellow plus signs \(class 4\), sky blue crosses \(class 5\), orange stars \(class 6\) and black upside-down triangles \(class 7\), /);
    const curve = run('v=1&problem=mlp&data=sine&steps=50');
    assert.equal(modelAlt(curve, null, { twoD: false }), "The model's curve at the end of the run over the data (x, y), training points filled, " +
      `held-out ones hollow. Held-out loss ${brief(curve.test_loss.at(-1))}.`);
    assert.equal(className(3), 'class 3');
    assert.equal(className(1, ['a', 'b']), 'b');
  });

  it('finds the evaluation, path point or frame shown at a step', () => {
    const steps = Int32Array.from([0, 5, 10, 15, 20]);
    assert.deepEqual([-1, 0, 4, 5, 9, 10, 19, 20, 99].map((t) => atOrBefore(steps, t)), [-1, 0, 0, 1, 1, 2, 3, 4, 4]);
    assert.equal(atOrBefore([], 3), -1);
  });

  it('reads the values at a step for the playback', () => {
    const r = run('v=1&problem=quadratic&lr=0.19');
    assert.deepEqual(valuesAt(r, 7), { step: 7, loss: r.loss[7], lr: r.lr[7], at: [r.path[14], r.path[15]] });
    assert.equal(valuesAt(r, 200).lr, r.lr[199]);
    assert.equal(valuesAt(run('v=1&problem=logreg&steps=20'), 5).at, null, 'a data problem has no (x, y)');
  });
});
