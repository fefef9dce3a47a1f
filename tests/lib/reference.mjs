// The reference runs computed with PyTorch (tests/reference/, a copy of
// shared/reference/) and the comparison its README prescribes.
import { readFileSync } from 'node:fs';

export const CASES_PATH = new URL('../reference/pytorch-cases.json', import.meta.url);
export const { cases: CASES } = JSON.parse(readFileSync(CASES_PATH, 'utf8'));

const lrOk = (got, want) => Math.abs(got - want) <= Math.max(1e-5 * Math.abs(want), 1e-12);
const valueOk = (got, want) => Math.abs(got - want) <= 1e-5 || Math.abs(got - want) <= 1e-3 * Math.abs(want);

// Compares a run { loss, lr, path: [[x, y], ...], diverged_at } with a case;
// returns a list of failures, each naming the field, index and worst values.
export function compareRun(c, got) {
  const bad = [];
  const d1 = c.diverged_at, d2 = got.diverged_at;
  if (d1 === null || d2 === null ? d1 !== d2 : Math.abs(d1 - d2) > 1) {
    bad.push(`diverged_at: want ${d1}, got ${d2}`);
  }
  // Past a divergence only the entries before the earlier index count.
  const limit = d1 === null && d2 === null ? Infinity : Math.min(d1 ?? Infinity, d2 ?? Infinity);
  const worst = (field, want, have, ok) => {
    const n = Math.min(want.length, limit);
    if (limit === Infinity && have.length !== want.length) {
      bad.push(`${field}: want ${want.length} entries, got ${have.length}`);
    }
    let w = null;
    for (let t = 0; t < n; t++) {
      const diff = Math.abs(have[t] - want[t]);
      if (!(ok(have[t], want[t])) && (w === null || !(diff <= w.diff))) w = { t, want: want[t], got: have[t], diff };
    }
    if (w) bad.push(`${field}[${w.t}]: want ${w.want}, got ${w.got} (diff ${w.diff})`);
  };
  worst('lr', c.lr, got.lr, lrOk);
  worst('loss', c.loss, got.loss, valueOk);
  worst('path.x', c.path.map((p) => p[0]), got.path.map((p) => p[0]), valueOk);
  worst('path.y', c.path.map((p) => p[1]), got.path.map((p) => p[1]), valueOk);
  return bad;
}
