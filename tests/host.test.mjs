// web/host.js's queue (#16: a heavy pin no longer holds up the current
// run): a request marked first runs before the queued ones and, when a
// pin's run is under way, at its next pause; the pin then goes on and ends
// with the very run it would have had alone; a cancelled request, queued or
// preempted, posts nothing.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { loadCore } from '../web/core.js';
import { createHost } from '../web/host.js';
import { parse } from '../web/preset.js';

const core = loadCore();
const preset = (text) => parse(text, { strict: true }).preset;
const PIN = preset('v=1&problem=mlp&n=2000&hidden=32,32&opt=adam&steps=400');
const CURRENT = preset('v=1&problem=logreg&steps=100');

// A host whose answers are kept in order; done(id) resolves with its result;
// onProgress(id) is called on a streamed run's first progress (the run is
// under way: the host is between two of its chunks).
function host(onProgress = () => {}) {
  const order = [], waiting = new Map(), results = new Map(), started = new Set();
  const h = createHost((m) => {
    if (m.progress) {
      if (!started.has(m.id)) started.add(m.id), onProgress(m.id);
      return;
    }
    order.push(m.id);
    results.set(m.id, m);
    waiting.get(m.id)?.(m);
  }, core);
  const done = (id) => (results.has(id) ? Promise.resolve(results.get(id)) : new Promise((r) => waiting.set(id, r)));
  return { h, order, done };
}

it('the current run comes first, before a pin under way and the pins queued', async () => {
  const alone = (await core).run(PIN).fingerprint;
  // pin 1 under way, the current run asks to come first
  const { h, order, done } = host((id) => id === 1 && h.receive({ run: 3, preset: CURRENT, first: true, stream: true }));
  h.receive({ run: 1, preset: PIN, stream: true });
  h.receive({ run: 2, preset: PIN });
  const current = await done(3);
  assert.ok(current.result, JSON.stringify(current.error));
  assert.deepEqual(order, [3], 'the current run ended before either pin');
  const [one, two] = await Promise.all([done(1), done(2)]);
  assert.deepEqual(order, [3, 1, 2]);
  assert.equal(one.result.fingerprint, alone, 'the preempted pin ends with its own run');
  assert.equal(two.result.fingerprint, alone);
  assert.equal(current.result.fingerprint, (await core).run(CURRENT).fingerprint);
});

it('a cancelled request posts nothing, whether queued, preempted or first', async () => {
  const { h, order, done } = host((id) => {
    if (id !== 1) return;
    h.receive({ run: 3, preset: CURRENT, first: true });
    h.receive({ cancel: 2 }); // queued
    h.receive({ cancel: 1 }); // under way, to be preempted by 3
    h.receive({ run: 4, preset: CURRENT, first: true });
    h.receive({ cancel: 4 }); // queued first
  });
  h.receive({ run: 1, preset: PIN, stream: true });
  h.receive({ run: 2, preset: PIN });
  await done(3);
  h.receive({ run: 5, preset: CURRENT });
  await done(5);
  assert.deepEqual(order, [3, 5]); // 1's progress aside, nothing of 1, 2 or 4
});

// A pin's progress (#16 item 2): its step and the time it has computed
// (for its projected time), no arrays, at most every 100 ms, the first
// after its first chunk; the current run's carries that time too.
it('streams a pin\'s steps and time computed, without arrays; the current run\'s with them', async () => {
  const seen = new Map(), done = new Map();
  const finished = (id) => new Promise((r) => done.set(id, r));
  const h = createHost((m) => {
    if (m.progress) return void (seen.get(m.id) ?? seen.set(m.id, []).get(m.id)).push({ ...m.progress, at: performance.now() });
    done.get(m.id)?.(m);
  }, core);
  const ends = [finished(1), finished(2)];
  h.receive({ run: 1, preset: PIN, stream: 'steps' });
  h.receive({ run: 2, preset: CURRENT, stream: true });
  const [pin] = await Promise.all(ends);
  assert.ok(pin.result);
  const steps = seen.get(1);
  assert.ok(steps.length >= 2, `${steps.length} progress messages`);
  for (const g of steps) assert.deepEqual(Object.keys(g).sort(), ['at', 'ms', 'steps', 't'], 'no arrays');
  assert.ok(steps[0].t >= 1 && steps[0].t < PIN.steps, 'the first after the first chunk');
  for (let i = 1; i < steps.length; i++) {
    assert.ok(steps[i].ms >= steps[i - 1].ms && steps[i].t >= steps[i - 1].t);
    assert.ok(steps[i].at - steps[i - 1].at >= 95, 'at most every 100 ms');
  }
  assert.ok(steps.at(-1).ms > 50, 'the time computed');
  const current = seen.get(2) ?? [];
  for (const g of current) assert.equal(typeof g.ms, 'number');
});
