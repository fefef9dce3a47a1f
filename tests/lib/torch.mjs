// PyTorch for the tests: the python3 that imports torch, a driver that runs
// exported scripts (web/torch-export.js) in one python3, and the tolerance
// rule every comparison with torch uses:
// - the rate: to 1e-12 relative at every step both runs take;
// - the loss: over the first 100 steps, as numpy's allclose with rtol 1e-5
//   and atol 1e-6 |loss[0]|: |a - b| <= 1e-5 (|b| + |loss[0]| / 10)
//   (tests/torch-export.test.mjs says why the absolute part is needed).
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';

const exec = promisify(execFile);
export const LOSS_STEPS = 100, LOSS_REL = 1e-5, LR_REL = 1e-12, LOSS_FLOOR = 0.1;

// The first python3 that imports torch: the one on PATH, else Debian's own
// (python3-torch installs for /usr/bin/python3, which a pyenv or venv on
// PATH may hide); LRP_PYTHON chooses another. { python, torch (its
// version, or null), error }.
export function findTorch() {
  const pythons = [process.env.LRP_PYTHON, 'python3', '/usr/bin/python3'].filter(Boolean);
  const probe = (py) => spawnSync(py, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8' });
  for (const python of pythons) {
    const r = probe(python);
    if (r.status === 0) return { python, torch: r.stdout.trim(), error: null };
  }
  const r = probe('python3');
  return { python: 'python3', torch: null, error: r.stderr || String(r.error) };
}

// Runs every script in one python3 (torch is imported once): one JSON
// output ({ loss, lr }) per script, in order.
export async function runScripts(python, paths) {
  const driver = `
import contextlib, io, json, runpy, sys
import torch
torch.set_num_threads(1)
outs = []
for path in sys.argv[1:]:
    buf = io.StringIO()
    sys.argv = [path, "--json"]
    with contextlib.redirect_stdout(buf):
        runpy.run_path(path, run_name="__main__")
    outs.append(json.loads(buf.getvalue()))
print(json.dumps(outs))
`;
  const { stdout } = await exec(python, ['-c', driver, ...paths], { maxBuffer: 1 << 28 });
  return JSON.parse(stdout);
}

// The largest relative differences of the loss (first LOSS_STEPS steps, up
// to the earlier end; `loss` with the floor, `pure` without) and of the
// rate (every step both took): { loss, lr, pure }, each { rel, t }.
export function compare(want, got) {
  const rel = (a, b) => (a === b ? 0 : b === 0 ? Math.abs(a) : Math.abs(a - b) / Math.abs(b));
  let loss = { rel: 0, t: -1 }, lr = { rel: 0, t: -1 }, pure = { rel: 0, t: -1 };
  const n = Math.min(LOSS_STEPS + 1, want.loss.length, got.loss.length);
  const floor = LOSS_FLOOR * Math.abs(want.loss[0]);
  for (let t = 0; t < n; t++) {
    const a = got.loss[t] ?? NaN, b = want.loss[t];
    if (!Number.isFinite(b) && !Number.isFinite(a)) continue;
    const r = a === b ? 0 : Math.abs(a - b) / (Math.abs(b) + floor);
    if (!(r <= loss.rel)) loss = { rel: r, t };
    if (!(rel(a, b) <= pure.rel)) pure = { rel: rel(a, b), t };
  }
  const m = Math.min(want.lr.length, got.lr.length);
  for (let t = 0; t < m; t++) {
    const r = rel(got.lr[t], want.lr[t]);
    if (!(r <= lr.rel)) lr = { rel: r, t };
  }
  return { loss, lr, pure };
}

// The worst of many comparisons, and its report lines.
export class Worst {
  constructor() {
    for (const k of ['loss', 'lr', 'pure']) this[k] = { rel: 0, t: -1, id: '(none)' };
  }

  add(id, { loss, lr, pure }) {
    if (loss.rel > this.loss.rel) this.loss = { ...loss, id };
    if (pure.rel > this.pure.rel) this.pure = { ...pure, id };
    if (lr.rel > this.lr.rel) this.lr = { ...lr, id };
  }

  lines() {
    const line = (k) => `largest ${k} relative error ${this[k].rel.toExponential(2)} at step ${this[k].t} of ${this[k].id}`;
    return [`${line('loss')} (first ${LOSS_STEPS} steps, |a - b| / (|b| + |loss[0]| / 10))`,
      `${line('pure').replace('pure', 'plain loss')} (|a - b| / |b|)`, line('lr')];
  }
}
