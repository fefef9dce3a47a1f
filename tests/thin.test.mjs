// web/thin.js (#16 item 3): a long series is thinned to what a chart's
// pixels show, exactly (each bucket keeps its first, lowest, highest and
// last point and its first gap), and each array is thinned, and its signs
// and flatness read, once: while the current run streams in, a snapshot
// every 100 ms, the pins' 100,000 points each are never read again, and
// the chart gets the very same points (the same array) for them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { flat, series, signs, thinned } from '../web/thin.js';

// An array whose element reads are counted.
function counted(values) {
  const c = { reads: 0 };
  c.values = new Proxy(values, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) c.reads++;
      return Reflect.get(target, key, receiver);
    },
  });
  return c;
}

const wavy = (n, seed = 1) => Array.from({ length: n }, (_, i) => Math.exp(-i / (n / 4)) * (1 + 0.3 * Math.sin(i * seed)));

describe('thin.js', () => {
  it('keeps what each pixel column shows: every bucket\'s first, lowest, highest and last value, gaps as gaps', () => {
    const n = 100001, room = 4 * 600, values = wavy(n, 7);
    values[5000] = NaN;
    values[70000] = Infinity;
    const points = series(values, null, room);
    assert.ok(points.length <= room * 1.3, `${points.length} points for ${room}`);
    const size = Math.ceil(n / (room / 4));
    for (let a = 0; a < n; a += size) {
      const inBucket = points.filter((p) => p.x >= a && p.x < a + size);
      const ys = values.slice(a, a + size).filter(Number.isFinite);
      const kept = inBucket.map((p) => p.y).filter((y) => y !== null);
      assert.equal(Math.min(...kept), Math.min(...ys), `bucket at ${a}: its lowest`);
      assert.equal(Math.max(...kept), Math.max(...ys), `bucket at ${a}: its highest`);
      assert.equal(inBucket[0].x, a);
      assert.equal(inBucket.at(-1).x, Math.min(n, a + size) - 1);
    }
    assert.deepEqual(points.find((p) => p.x === 5000), { x: 5000, y: null });
    assert.deepEqual(points.find((p) => p.x === 70000), { x: 70000, y: null });
    // short series whole; zeros gaps on a log axis; at steps
    assert.deepEqual(series([3, 0, 1], null, room, true), [{ x: 0, y: 3 }, { x: 1, y: null }, { x: 2, y: 1 }]);
    assert.deepEqual(series([3, 2], [0, 10]), [{ x: 0, y: 3 }, { x: 10, y: 2 }]);
  });

  it('thins an array once per room, zero rule and steps: the same points, the very same array', () => {
    const values = Float32Array.from(wavy(100001));
    const a = thinned(values, null, 2400);
    assert.deepEqual(a, series(values, null, 2400));
    assert.equal(thinned(values, null, 2400), a, 'the cached array');
    assert.notEqual(thinned(values, null, 3200), a, 'a wider chart: thinned anew');
    assert.notEqual(thinned(values, null, 2400, true), a, 'zeros as gaps: thinned anew');
    const steps = Int32Array.from({ length: values.length }, (_, i) => 2 * i);
    assert.deepEqual(thinned(values, steps, 2400), series(values, steps, 2400));
    assert.equal(thinned(values, steps, 2400), thinned(values, steps, 2400));
    assert.notEqual(thinned(values, steps.slice(), 2400), thinned(values, steps, 2400), 'another steps array');
  });

  it('a run streaming in beside 5 pins: each pin is read once, only the current run\'s snapshots again', () => {
    const n = 100001;
    const pins = [1, 2, 3, 4, 5].map((k) => counted(wavy(n, k)));
    const full = wavy(n, 9);
    let current = 0, once = null;
    for (let s = 1; s <= 20; s++) { // 20 snapshots, 100 ms apart
      const partial = counted(full.slice(0, Math.round((s * n) / 20)));
      for (const series of [partial, ...pins]) {
        thinned(series.values, null, 2400);
        signs(series.values);
      }
      current += partial.reads;
      once ??= pins.map((p) => p.reads);
    }
    assert.deepEqual(pins.map((p) => p.reads), once, 'no pin is read again after the first snapshot');
    for (const p of pins) assert.ok(p.reads < 6 * n, `a pin read ${p.reads} times for ${n} values`);
    assert.ok(current > 20 * n / 2, 'the current run is thinned at every snapshot');
  });

  it('reads the signs and the flatness of an array once', () => {
    const lr = counted(Array.from({ length: 1000 }, () => 0.01));
    assert.equal(flat(lr.values), true);
    const reads = lr.reads;
    assert.equal(flat(lr.values), true);
    assert.equal(lr.reads, reads, 'no second pass');
    assert.equal(flat([1, 1, 2]), false);
    assert.deepEqual(signs([1, 0, 2]), { negative: false, zero: true });
    assert.deepEqual(signs([1, -1, NaN]), { negative: true, zero: false });
    const loss = counted([3, 2, 1]);
    signs(loss.values);
    const after = loss.reads;
    signs(loss.values);
    assert.equal(loss.reads, after);
  });
});
