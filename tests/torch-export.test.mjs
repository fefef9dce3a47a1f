// `lr-playground export PRESET --format pytorch`: every exported script, run
// with python3 and Debian's python3-torch, rebuilds the CLI's run.
// - The rate: to 1e-12 relative at every step both runs take.
// - The loss: to 1e-5 relative over the first 100 steps, as numpy's allclose
//   with rtol 1e-5 and atol 1e-6 |loss[0]|: |a - b| <= 1e-5 (|b| + |loss[0]| / 10).
//   The absolute part is needed where a float32 loss is a difference of
//   terms far larger than itself (near a minimum, and where saddle and wells
//   cross zero): there autograd's rounding, not the core's, moves the path
//   by an ulp and the loss by far more than 1e-5 of itself (the largest
//   plain relative error is printed too). Later steps of a long or chaotic
//   run drift apart by such ulps, so only the first 100 are compared.
// The largest errors seen, and on which preset, are printed.
// (tests/lib/torch.mjs holds the rule, and finds python3 with torch.)
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { loadCore } from '../web/core.js';
import { SURFACES, parse } from '../web/preset.js';
import { startData } from '../web/torch-data.js';
import { torchScript } from '../web/torch-export.js';
import { torchNotebook } from '../web/torch-notebook.js';
import { clusters, irisLike, line, ownPoints } from './lib/own-sets.mjs';
import { CASES } from './lib/reference.mjs';
import { LOSS_REL, LR_REL, Worst, compare, findTorch, runScripts } from './lib/torch.mjs';

const exec = promisify(execFile);
const CLI = new URL('../web/cli.mjs', import.meta.url).pathname;
const { python: PYTHON, torch: TORCH, error: TORCH_ERROR } = findTorch();

// Every PyTorch reference case (every surface, optimizer and schedule, with
// warm-ups and divergences), and what they leave out.
const EXTRA = [
  'problem=rosenbrock&opt=adam&lr=0.02&bc=0', 'problem=wells&opt=adamw&lr=0.05&bc=0&amsgrad=1&wd=0.1',
  'problem=beale&opt=adam&lr=0.01&bc=0&wd=0.01&steps=150', 'problem=quadratic&cond=3.3&x0=1.25&y0=-0.7&opt=momentum&lr=0.1',
  'problem=rosenbrock&opt=adam&lr=0.02&sched=cosine&steps=300&warmup=10',
  'problem=quadratic&opt=momentum&lr=0.05&sched=plateau&patience=3&warmup=20&steps=150',
  'problem=himmelblau&opt=rmsprop&lr=0.01&sched=plateau&cooldown=4&patience=2&threshold=0.01&min_lr=0.001',
  'problem=quadratic&lr=0.1&sched=cyclic&mode=triangular2&steps=160', 'problem=quadratic&lr=0.1&sched=cyclic&mode=exp_range&gamma=0.99&steps=160&warmup=8',
  'problem=saddle&opt=nesterov&lr=0.05&sched=restarts&t_mult=2&t0=10&min_lr=0.001', 'problem=quadratic&lr=0.1&sched=multistep&warmup=30',
  'problem=wells&lr=0.05&sched=linear&start=0.1&end=0.9&iters=50&warmup=5', 'problem=beale&opt=adagrad&lr=0.1&sched=poly&power=2&warmup=12',
  'problem=quadratic&lr=0.1&sched=onecycle&warmup=40', 'problem=quadratic&lr=0.1&sched=exp&gamma=0.98&warmup=1',
  'problem=quadratic&lr=0.1&sched=step&warmup=200', 'problem=rosenbrock&opt=adamw&lr=0.01&sched=cosine&t_max=50&steps=400',
];
// Data problems: full batches and mini-batches (a short last batch too),
// every activation, both losses, both kinds of data. Not here: a normalising
// optimizer (adagrad, rmsprop, adam) from a start whose gradient is zero in
// exact arithmetic (a linear model starts at zero: on balanced data with no
// held-out points its bias gradient is zero), for it turns the rounding
// noise of that gradient into full steps of lr whose sign is that of the
// noise, which autograd and the core round differently.
const DATA = [
  'problem=linreg&lr=0.1', 'problem=linreg&batch=16&opt=momentum&lr=0.05&steps=150', 'problem=linreg&data=sine&noise=0.2&opt=adam&lr=0.05',
  'problem=logreg&lr=0.5', 'problem=logreg&data=blobs&batch=25&opt=rmsprop&lr=0.01&sched=step', 'problem=logreg&holdout=0&opt=momentum&lr=0.3',
  'problem=mlp&lr=0.1', 'problem=mlp&batch=32&opt=adam&lr=0.01', 'problem=mlp&data=spiral&hidden=16,16&act=relu&opt=adam&lr=0.01&batch=50&sched=cosine&warmup=20',
  'problem=mlp&data=sine&act=sigmoid&hidden=12&opt=nesterov&lr=0.05&n=300', 'problem=mlp&data=circles&hidden=8,8,4&opt=adamw&lr=0.02&batch=64&sched=onecycle',
  'problem=mlp&data=moons&opt=adam&bc=0&lr=0.01&sched=plateau&patience=5&batch=40&n=150&steps=300',
];
// More than two classes: k logits, CrossEntropyLoss on long labels.
const MULTICLASS = [
  'problem=logreg&data=blobs&classes=3&lr=0.5', 'problem=mlp&data=spiral&classes=5&hidden=16,16&opt=adam&lr=0.01',
  'problem=mlp&data=blobs&classes=8&batch=32&opt=momentum&lr=0.05', 'problem=mlp&data=spiral&classes=3&act=relu&opt=adamw&lr=0.01&batch=50&sched=cosine&warmup=10',
];
// Own data (data=own, the points in the preset) as the core trains on them:
// named classes in scaled columns, integer classes as given, a regression
// whose target is scaled.
const OWN = [
  ['own: 3 named classes, both columns scaled, mlp adam in batches', irisLike(), 'problem=mlp&opt=adam&lr=0.01&batch=20'],
  ['own: 3 named classes, scaled, softmax regression', irisLike(), 'problem=logreg&lr=0.5&steps=150'],
  ['own: 2 integer classes, mlp momentum', clusters(240, 7, 2), 'problem=mlp&opt=momentum&lr=0.05&act=sigmoid'],
  ['own: 6 integer classes, mlp nesterov with a step schedule', clusters(300, 8, 6), 'problem=mlp&opt=nesterov&lr=0.05&sched=step&hidden=12'],
  ['own: a regression, target scaled, linreg', line(), 'problem=linreg&lr=0.1&opt=momentum'],
  ['own: a regression, target scaled, mlp adam', line(), 'problem=mlp&lr=0.01&opt=adam&hidden=8'],
];
const NEW = new Set([...MULTICLASS, ...OWN.map(([id]) => id)]); // reported on their own too
const PRESETS = [...CASES.map((c) => ({ id: c.id, preset: c.preset })),
  ...EXTRA.map((q, i) => ({ id: `extra-${i + 1}: ${q}`, preset: `v=1&${q}` })),
  ...[...DATA, ...MULTICLASS].map((q) => ({ id: q, preset: `v=1&${q}` })),
  ...OWN.map(([id, csv, q]) => ({ id, preset: `v=1&${q}&data=own&points=${ownPoints(csv)}` }))];

describe('export --format pytorch', () => {
  let dir, core;
  const scripts = [], worst = new Worst(), worstNew = new Worst();
  before(async () => { dir = mkdtempSync(join(tmpdir(), 'lrp-torch-')); core = await loadCore(); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('needs python3 with torch (Debian: apt-get install python3-torch; build.sh test installs it)', () => {
    assert.ok(TORCH, `python3 -c 'import torch' failed: ${TORCH_ERROR}`);
  });

  it('the CLI prints one Python file that imports torch and the standard library only', async () => {
    const { stdout } = await exec(process.execPath, [CLI, 'export', 'v=1&problem=beale&opt=adam&sched=cosine', '--format', 'pytorch']);
    const imports = stdout.split('\n').filter((l) => /^\s*(import|from) /.test(l)).map((l) => l.trim());
    assert.deepEqual(imports, ['import json', 'import math', 'import sys', 'import torch', 'import matplotlib.pyplot as plt']);
    assert.match(stdout, /torch\.optim\.Adam\(\[params\], lr=LR, betas=\(0\.9, 0\.999\)/);
    assert.match(stdout, /CosineAnnealingLR\(optimizer, T_max=200, eta_min=0\)/);
    assert.equal(torchScript(parse('v=1&problem=beale&opt=adam&sched=cosine').preset), stdout);
  });

  it('a data problem\'s file states its own size (its data are literals in it)', async () => {
    for (const format of ['pytorch', 'notebook']) {
      const { stdout } = await exec(process.execPath, [CLI, 'export', 'v=1&problem=mlp&batch=32&n=500', '--format', format], { maxBuffer: 1 << 26 });
      const said = Number(/(?:file|notebook) is (\d+) bytes/.exec(stdout)?.[1]);
      assert.equal(said, Buffer.byteLength(stdout), format);
    }
  });

  it('the CLI is strict: bad presets and formats exit 2 with the key and the reason', async () => {
    for (const [args, message] of [[['export', 'v=1&lr=7e9'], /^lr-playground: lr: must be/],
      [['export', 'v=1', '--format', 'csv'], /^lr-playground: --format: must be one of: pytorch, notebook\n$/],
      [['export'], /^lr-playground: preset: /], [['export', 'v=1&lr=1&lr=2'], /^lr-playground: lr: given more than once/]]) {
      const e = await exec(process.execPath, [CLI, ...args]).then(() => null, (err) => err);
      assert.ok(e, `${args.join(' ')} succeeded`);
      assert.equal(e.code, 2);
      assert.equal(e.stdout, '');
      assert.match(e.stderr, message);
    }
  });

  it(`every surface, optimizer and schedule, linreg, logreg and the MLP, k classes and own data (${PRESETS.length} presets) agrees with the CLI's run`, { timeout: 600_000 }, async (t) => {
    for (const [i, { preset }] of PRESETS.entries()) {
      const path = join(dir, `run${i}.py`);
      const p = parse(preset, { strict: true }).preset;
      writeFileSync(path, torchScript(p, SURFACES.includes(p.problem) ? null : startData(core, p)));
      scripts.push(path);
    }
    const outs = await runScripts(PYTHON, scripts);
    const bad = [];
    PRESETS.forEach(({ id, preset }, i) => {
      const r = core.run(parse(preset, { strict: true }).preset);
      const want = { loss: Array.from(r.loss), lr: Array.from(r.lr) };
      const { loss, lr, pure } = compare(want, outs[i]);
      worst.add(id, { loss, lr, pure });
      if (NEW.has(id)) worstNew.add(id, { loss, lr, pure });
      if (!(loss.rel <= LOSS_REL)) bad.push(`${id}: loss[${loss.t}] relative error ${loss.rel}`);
      if (!(lr.rel <= LR_REL)) bad.push(`${id}: lr[${lr.t}] relative error ${lr.rel}`);
      if (want.lr.length !== outs[i].lr.length) bad.push(`${id}: ${want.lr.length} updates in the core, ${outs[i].lr.length} in torch`);
    });
    for (const r of [`torch ${TORCH}, ${PRESETS.length} presets`, ...worst.lines(),
      `of which k > 2 classes and own data (${NEW.size}):`, ...worstNew.lines()]) t.diagnostic(r);
    assert.deepEqual(bad, []);
  });
});

// The notebook: its cells run in order, as Jupyter would, in one python3.
async function runNotebooks(paths) {
  const driver = `
import contextlib, io, json, sys
import torch
torch.set_num_threads(1)
outs = []
for path in sys.argv[1:]:
    nb = json.load(open(path))
    scope = {}
    with contextlib.redirect_stdout(io.StringIO()):
        for cell in nb["cells"]:
            if cell["cell_type"] == "code":
                exec("".join(cell["source"]), scope)
    outs.append({"loss": scope["losses"], "lr": scope["lrs"]})
print(json.dumps(outs, allow_nan=True).replace("NaN", "null").replace("Infinity", "null"))
`;
  const { stdout } = await exec(PYTHON, ['-c', driver, ...paths], { maxBuffer: 1 << 28 });
  return JSON.parse(stdout);
}

describe('export --format notebook', () => {
  const NOTEBOOKS = ['v=1&problem=rosenbrock&opt=adam&bc=0&lr=0.02&sched=plateau&patience=3&warmup=10&steps=150',
    'v=1&problem=saddle&opt=nesterov&lr=0.05&sched=restarts&t0=10', 'v=1&problem=linreg&lr=0.1',
    'v=1&problem=mlp&batch=32&opt=adam&lr=0.01&sched=cosine&warmup=20', 'v=1&problem=mlp&data=blobs&classes=6&opt=adam&lr=0.01',
    `v=1&problem=mlp&opt=adam&lr=0.01&data=own&points=${ownPoints(irisLike())}`];
  let dir, core;
  before(async () => { dir = mkdtempSync(join(tmpdir(), 'lrp-notebook-')); core = await loadCore(); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('is nbformat 4: a sentence before each part, the parts as code cells, as the CLI prints it', async () => {
    const text = 'v=1&problem=mlp&batch=32&opt=adam';
    const { stdout } = await exec(process.execPath, [CLI, 'export', text, '--format', 'notebook'], { maxBuffer: 1 << 26 });
    const p = parse(text, { strict: true }).preset;
    assert.equal(stdout, torchNotebook(p, startData(core, p)));
    const nb = JSON.parse(stdout);
    assert.equal(nb.nbformat, 4);
    assert.ok(nb.nbformat_minor >= 5);
    assert.equal(nb.metadata.kernelspec.language, 'python');
    assert.deepEqual(nb.cells.map((c) => c.cell_type), ['markdown', 'code', 'markdown', 'code', 'markdown', 'code', 'markdown', 'code', 'markdown', 'code']);
    assert.equal(new Set(nb.cells.map((c) => c.id)).size, nb.cells.length);
    for (const c of nb.cells) {
      assert.ok(c.source.length > 0 && c.source.slice(0, -1).every((l) => l.endsWith('\n')) && !c.source.at(-1).endsWith('\n'), c.id);
      if (c.cell_type === 'code') assert.deepEqual([c.outputs, c.execution_count], [[], null]);
    }
    assert.match(nb.cells[0].source.join(''), /^# An lr-playground run in PyTorch\n\nPreset: `v=1&problem=mlp&batch=32&opt=adam`/);
    assert.match(nb.cells[3].source.join(''), /torch\.nn\.Sequential/);
    assert.match(nb.cells.at(-1).source.join(''), /plt\.show\(\)/);
  });

  it(`run cell by cell, agrees with the CLI's run as the script does (${NOTEBOOKS.length} presets)`, { timeout: 300_000 }, async () => {
    const paths = NOTEBOOKS.map((text, i) => {
      const p = parse(text, { strict: true }).preset;
      const path = join(dir, `run${i}.ipynb`);
      writeFileSync(path, torchNotebook(p, SURFACES.includes(p.problem) ? null : startData(core, p)));
      return path;
    });
    const outs = await runNotebooks(paths);
    NOTEBOOKS.forEach((text, i) => {
      const r = core.run(parse(text, { strict: true }).preset);
      const { loss, lr } = compare({ loss: Array.from(r.loss), lr: Array.from(r.lr) }, outs[i]);
      assert.ok(loss.rel <= LOSS_REL, `${text}: loss[${loss.t}] relative error ${loss.rel}`);
      assert.ok(lr.rel <= LR_REL, `${text}: lr[${lr.t}] relative error ${lr.rel}`);
      assert.equal(outs[i].lr.length, r.lr.length, text);
    });
  });
});
