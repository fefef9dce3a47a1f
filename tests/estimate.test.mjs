// A pin's projected time (#16 item 2): web/estimate.js counts a model's
// parameters as the core does, weighs a run's work (rows x parameters per
// step, evaluations, the final pictures) and turns it into time at the pace
// measured; web/pin-status.js says what a pin does in words: queued with its
// projected time, computing with the time left, stopped (it stays in the
// link), failed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadCore } from '../web/core.js';
import { parse } from '../web/preset.js';
import { Pace, duration, paramCount, work } from '../web/estimate.js';
import { pinStatus, pinsLine, stoppedNotice } from '../web/pin-status.js';

const core = await loadCore();
const preset = (text) => parse(text, { strict: true }).preset;
const HEAVY = preset('v=1&problem=mlp&n=10000&hidden=64,64,64&opt=adam&steps=100000');

describe('estimate.js', () => {
  it('counts the parameters as the core does', () => {
    for (const text of ['v=1&problem=linreg', 'v=1&problem=linreg&data=sine', 'v=1&problem=logreg', 'v=1&problem=logreg&data=blobs&classes=5',
      'v=1&problem=mlp', 'v=1&problem=mlp&hidden=64,64,64', 'v=1&problem=mlp&data=sine&hidden=3', 'v=1&problem=mlp&data=spiral&classes=7&hidden=16,4']) {
      const job = core.start(preset(`${text}&steps=1`));
      try {
        job.advance(Infinity);
        job.finish();
        assert.equal(paramCount(preset(text)), job.result().n_params, text);
      } finally {
        job.free();
      }
    }
  });

  it('weighs work by steps, rows and parameters; a surface is no work', () => {
    assert.equal(work(preset('v=1&problem=rosenbrock&steps=100000')), 0);
    const p = preset('v=1&problem=mlp&steps=1000');
    assert.ok(work(p, 500) < work(p, 999) && work(p, 999) < work(p), 'grows with the step; the pictures at the end');
    // the training, the pictures aside: about steps x rows x (parameters + 20)
    const training = (text) => { const q = preset(text); return work(q, q.steps - 1); };
    const ratio = (a, b) => training(a) / training(b);
    const near = (x, want) => assert.ok(Math.abs(x / want - 1) < 0.1, `${x} is not about ${want}`);
    near(ratio('v=1&problem=mlp&steps=2000', 'v=1&problem=mlp&steps=1000'), 2);
    near(ratio('v=1&problem=mlp&steps=1000&n=2000', 'v=1&problem=mlp&steps=1000'), 10);
    // (mini-batches: the evaluations on every point weigh more)
    assert.ok(ratio('v=1&problem=mlp&steps=1000&n=2000', 'v=1&problem=mlp&steps=1000&n=2000&batch=160') > 6);
    near(ratio('v=1&problem=mlp&steps=1000&hidden=64,64', 'v=1&problem=mlp&steps=1000'), (4417 + 20) / (105 + 20));
  });

  it('projects #16\'s heavy pin in minutes and learns the pace from a run\'s progress', () => {
    const pace = new Pace(2.3e-7); // the machine of #16: 1,500 of these steps in 24 s
    assert.equal(duration(pace.total(preset('v=1&problem=mlp&n=10000&hidden=64,64,64&opt=adam&steps=1500'))), 'about 25 s');
    assert.equal(duration(pace.total(HEAVY)), 'about 26 min');
    // a run measured at twice that: the page's pace follows, and what is left
    pace.learn(HEAVY, 1000, 2 * 2.3e-7 * work(HEAVY, 1000));
    assert.equal(duration(pace.total(HEAVY)), 'about 53 min');
    assert.match(duration(pace.left(HEAVY, 50000, 2 * 2.3e-7 * work(HEAVY, 50000))), /^about 2[67] min$/);
    // a first chunk of a few ms teaches nothing
    const fresh = new Pace(1e-6);
    fresh.learn(HEAVY, 1, 100);
    assert.equal(fresh.msPerUnit, 1e-6);
  });

  it('says a duration the way a student reads it', () => {
    assert.deepEqual([0, 400, 1000, 40_400, 59_600, 90_000, 23 * 60_000, 130 * 60_000, 180 * 60_000, NaN].map(duration),
      [null, null, 'about 1 s', 'about 40 s', 'about 1 min', 'about 2 min', 'about 23 min', 'about 2 h 10 min', 'about 3 h', null]);
  });
});

describe('pin-status.js', () => {
  const pace = new Pace(2.3e-7);
  const pin = (state, progress = null, error = null) => ({ preset: HEAVY, state, progress, error });

  it('a queued pin: its projected time before it starts', () => {
    assert.deepEqual(pinStatus(pin('queued'), 2, pace), { text: 'pin 2: queued, about 26 min once it starts', bar: null });
  });

  it('a computing pin: its step, the time left and the fraction done', () => {
    const s = pinStatus(pin('computing', { t: 25000, steps: 100000, ms: 2.3e-7 * work(HEAVY, 25000) }), 1, pace);
    assert.match(s.text, /^pin 1: step 25000 of 100000, about (19|20) min left$/);
    assert.equal(s.bar, 0.25);
    assert.match(pinStatus(pin('computing', { t: 100000, steps: 100000, ms: 1000 }), 1, pace).text, /^pin 1: finishing/);
    assert.equal(pinStatus(pin('computing'), 1, pace).text, 'pin 1: starting, about 26 min left');
  });

  it('a stopped pin stays in the link, and the page says so', () => {
    assert.equal(pinStatus(pin('stopped', { t: 300, steps: 100000, ms: 1 }), 2, pace).text,
      'pin 2: stopped at step 300 of 100000; it stays in the link and computes again (about 26 min) when you press Resume or reload the page.');
    assert.match(pinStatus(pin('stopped'), 3, pace).text, /^pin 3: stopped before it started; it stays in the link/);
    assert.equal(pinStatus(pin('failed', null, 'out of memory'), 1, pace).text, 'pin 1 failed: out of memory; it stays in the link: Resume tries again.');
    assert.equal(pinStatus(pin(null), 1, pace), null);
    assert.equal(stoppedNotice([2]), 'Stopped pin 2: it stays in the link and computes again when you press Resume or reload the page (Resume is beside each pin, below the charts).');
    assert.equal(stoppedNotice([1, 3, 4]), 'Stopped pins 1, 3 and 4: they stay in the link and compute again when you press Resume or reload the page (Resume is beside each pin, below the charts).');
  });

  it('the line above the charts names every pin that computes or waits', () => {
    assert.equal(pinsLine([]), '');
    assert.equal(pinsLine([{ text: 'pin 1: step 3 of 10' }, { text: 'pin 2: queued' }]), 'Pinned runs computing below the charts: pin 1: step 3 of 10; pin 2: queued.');
  });
});
