// thin.js - a run's series as a chart draws it, at most what its pixels
// show, and what a chart asks of a series (its signs, whether it is flat),
// each computed once per series: a pinned run's arrays never change, so
// while the current run streams in (a snapshot every 100 ms) only its own
// partial series is thinned again, never the pins' 100,000 points each.
// Pure: no DOM, no Chart.js.

// {x, y} points of values (at steps, else at their index); non-finite
// values (and zeros, with zeroGap: a log axis draws no 0) become gaps
// (null), never a broken scale. At most about `room` points: a longer
// series keeps, of each run of consecutive points, the first, the lowest,
// the highest and the last, in order, and its first gap; buckets under a
// pixel wide draw the same line as all the points do, at a fraction of the
// cost.
export function series(values, steps = null, room = Infinity, zeroGap = false) {
  const n = values.length;
  const ok = zeroGap ? (v) => Number.isFinite(v) && v !== 0 : Number.isFinite;
  const at = (i) => ({ x: steps ? steps[i] : i, y: ok(values[i]) ? values[i] : null });
  const size = Math.ceil(n / Math.max(1, Math.floor(room / 4)));
  if (size <= 1) return Array.from({ length: n }, (_, i) => at(i));
  const out = [];
  for (let a = 0; a < n; a += size) {
    const b = Math.min(n, a + size);
    let lo = -1, hi = -1, gap = -1;
    for (let i = a; i < b; i++) {
      const v = values[i];
      if (!ok(v)) { if (gap < 0) gap = i; continue; }
      if (lo < 0 || v < values[lo]) lo = i;
      if (hi < 0 || v > values[hi]) hi = i;
    }
    for (const i of [...new Set([a, lo, hi, gap, b - 1])].filter((i) => i >= 0).sort((x, y) => x - y)) out.push(at(i));
  }
  return out;
}

// fn(values, ...args) kept with the array, computed on the first call for
// key(...args): the arrays of a finished run are never written to again.
function perArray(fn, key = () => '') {
  const kept = new WeakMap();
  return (values, ...args) => {
    let byKey = kept.get(values);
    if (!byKey) kept.set(values, (byKey = new Map()));
    const k = key(...args);
    if (!byKey.has(k)) byKey.set(k, fn(values, ...args));
    return byKey.get(k);
  };
}

// A steps array's identity, as a key (a run's eval_step is its own).
const ids = new WeakMap();
let nextId = 1;
const idOf = (steps) => {
  if (!steps) return 0;
  if (!ids.has(steps)) ids.set(steps, nextId++);
  return ids.get(steps);
};

// series(values, steps, room, zeroGap) computed once per array, steps
// array, room and zeroGap: on every later call the very same points.
export const thinned = perArray((values, steps, room, zeroGap = false) => series(values, steps, room, zeroGap),
  (steps, room, zeroGap = false) => `${idOf(steps)} ${room} ${zeroGap}`);

// { negative, zero }: whether a value is below 0, whether one is exactly 0.
export const signs = perArray((values) => {
  let negative = false, zero = false;
  for (const v of values) {
    if (v < 0) negative = true;
    else if (v === 0) zero = true;
  }
  return { negative, zero };
});

// Whether every value is the first one (a constant rate).
export const flat = perArray((values) => {
  for (const v of values) if (v !== values[0]) return false;
  return true;
});
