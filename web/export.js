// export.js - a run as JSON or CSV text: what `lr-playground run` prints and
// what the page exports. float32 values are written in their shortest
// decimal form that reads back to the same float32; lr (a double) in its
// shortest double form; non-finite numbers as null (JSON) or empty (CSV).

// Shortest decimal that Math.fround maps back to x.
export function f32(x) {
  if (!Number.isFinite(x)) return null;
  for (let p = 1; p < 9; p++) {
    const s = Number(x.toPrecision(p));
    if (Math.fround(s) === x) return String(s);
  }
  return String(Number(x.toPrecision(9)));
}

const f64 = (x) => (Number.isFinite(x) ? String(x) : null);
const list = (a, fmt) => `[${Array.from(a, (x) => fmt(x) ?? 'null').join(',')}]`;

function pairs(path) {
  const out = [];
  for (let i = 0; i < path.length; i += 2) out.push(`[${f32(path[i]) ?? 'null'},${f32(path[i + 1]) ?? 'null'}]`);
  return `[${out.join(',')}]`;
}

// {"preset", "loss", "lr", "path", "diverged_at", "fingerprint"} (PRESET.md).
export function runToJSON(canonical, run) {
  return `{"preset":${JSON.stringify(canonical)},` +
    `"loss":${list(run.loss, f32)},` +
    `"lr":${list(run.lr, f64)},` +
    `"path":${pairs(run.path)},` +
    `"diverged_at":${run.diverged_at ?? 'null'},` +
    `"fingerprint":${JSON.stringify(run.fingerprint)}}`;
}

// One row per step t = 0 .. n_loss-1: step,loss,lr,x,y (lr empty on the
// final row, which no update follows).
export function runToCSV(run) {
  const rows = ['step,loss,lr,x,y'];
  for (let t = 0; t < run.loss.length; t++) {
    const lr = t < run.lr.length ? f64(run.lr[t]) : '';
    rows.push([t, f32(run.loss[t]) ?? '', lr, f32(run.path[2 * t]) ?? '', f32(run.path[2 * t + 1]) ?? ''].join(','));
  }
  return rows.join('\n') + '\n';
}
