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

const ints = (a) => `[${Array.from(a).join(',')}]`;
const grid = (g, values) =>
  `{"box":${list(g.box, f64)},"nx":${g.nx},"ny":${g.ny},"${values}":${list(g[values], f32)}}`;

// {"preset", "loss", "lr", "path", "diverged_at", "fingerprint"} (PRESET.md);
// data problems add "path_step", "eval" (held-out loss and accuracies by
// step), the "landscape" and "prediction" grids when the run has them, and
// with data: true the points themselves and, given `start` (JSON text,
// torch-data.js startToJSON), what rebuilding the run needs.
export function runToJSON(canonical, run, { data = false, start = null } = {}) {
  const parts = [
    `"preset":${JSON.stringify(canonical)}`,
    `"loss":${list(run.loss, f32)}`,
    `"lr":${list(run.lr, f64)}`,
    `"path":${pairs(run.path)}`,
    `"diverged_at":${run.diverged_at ?? 'null'}`,
    `"fingerprint":${JSON.stringify(run.fingerprint)}`,
  ];
  if (run.data_y?.length) {
    parts.push(`"path_step":${ints(run.path_step)}`);
    parts.push(`"eval":{"step":${ints(run.eval_step)},"test_loss":${list(run.test_loss, f32)},` +
      `"train_acc":${list(run.train_acc, f32)},"test_acc":${list(run.test_acc, f32)}}`);
    if (run.landscape) parts.push(`"landscape":${grid(run.landscape, 'loss')}`);
    if (run.prediction) parts.push(`"prediction":${grid(run.prediction, 'output')}`);
    if (data) {
      const d = run.data_x.length / run.data_y.length;
      const x = Array.from({ length: run.data_y.length }, (_, i) => list(run.data_x.subarray(i * d, i * d + d), f32));
      parts.push(`"data":{"x":[${x.join(',')}],"y":${list(run.data_y, f32)},"test":${ints(run.data_test)}}`);
      if (start) parts.push(`"start":${start}`);
    }
  }
  return `{${parts.join(',')}}`;
}

// One row per step t = 0 .. n_loss-1: step,loss,lr,x,y (lr empty on the
// final row, which no update follows; x,y empty where no path point was
// recorded); data problems add test_loss,train_acc,test_acc where evaluated.
export function runToCSV(run) {
  const isData = run.data_y?.length > 0;
  const at = (steps) => new Map(Array.from(steps, (t, k) => [t, k]));
  const pathAt = at(run.path_step), evalAt = at(run.eval_step ?? []);
  const cell = (a, k, fmt = f32) => (k === undefined || k >= a.length ? '' : fmt(a[k]) ?? '');
  const rows = [isData ? 'step,loss,lr,x,y,test_loss,train_acc,test_acc' : 'step,loss,lr,x,y'];
  for (let t = 0; t < run.loss.length; t++) {
    const p = pathAt.get(t);
    const row = [t, cell(run.loss, t), cell(run.lr, t, f64),
      p === undefined ? '' : cell(run.path, 2 * p), p === undefined ? '' : cell(run.path, 2 * p + 1)];
    if (isData) {
      const k = evalAt.get(t);
      row.push(cell(run.test_loss, k), cell(run.train_acc, k), cell(run.test_acc, k));
    }
    rows.push(row.join(','));
  }
  return rows.join('\n') + '\n';
}
