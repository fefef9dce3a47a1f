#!/usr/bin/env node
// Makes tests/reference/multiclass-cases.json: runs with more than two
// classes (and one of a user's own data) computed by PyTorch. Each case's
// preset is exported with web/torch-export.js (the data, initial weights
// and batch order as literals, the model as torch.nn modules with
// torch.nn.CrossEntropyLoss, the optimizer and schedule from torch.optim)
// and run by python3 with torch; its loss and lr per step are recorded.
// tests/multiclass-reference.test.mjs checks the core against them without
// torch.
//
//   node tests/lib/make-multiclass-reference.mjs   (needs python3 with torch;
//   Debian: apt-get install python3-torch; LRP_PYTHON names another python)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCore } from '../../web/core.js';
import { f32 } from '../../web/export.js';
import { parse } from '../../web/preset.js';
import { startData } from '../../web/torch-data.js';
import { torchScript } from '../../web/torch-export.js';
import { irisLike, ownPoints } from './own-sets.mjs';
import { LOSS_FLOOR, LOSS_REL, LOSS_STEPS, LR_REL, findTorch, runScripts } from './torch.mjs';

export const OUT = new URL('../reference/multiclass-cases.json', import.meta.url);

// Softmax regression and MLPs with k = 3 .. 8; SGD, momentum, Nesterov,
// Adam and AdamW; schedules with a warm-up; full and mini-batches; own data.
export const CASES = [
  ['softmax-blobs3-sgd', 'v=1&problem=logreg&data=blobs&classes=3&lr=0.5&steps=120'],
  ['softmax-spiral6-momentum-step-batch', 'v=1&problem=logreg&data=spiral&classes=6&opt=momentum&lr=0.1&sched=step&batch=40&steps=160'],
  ['mlp-spiral5-adam', 'v=1&problem=mlp&data=spiral&classes=5&hidden=16,16&opt=adam&lr=0.01&steps=150'],
  ['mlp-spiral4-relu-sgd-cosine-warmup', 'v=1&problem=mlp&data=spiral&classes=4&act=relu&lr=0.2&sched=cosine&warmup=10&steps=150'],
  ['mlp-blobs8-momentum-batch', 'v=1&problem=mlp&data=blobs&classes=8&batch=32&opt=momentum&lr=0.05&n=400&steps=150'],
  ['mlp-blobs7-adamw-onecycle-batch', 'v=1&problem=mlp&data=blobs&classes=7&hidden=12&opt=adamw&lr=0.02&sched=onecycle&batch=25&steps=150'],
  ['own-3-named-scaled-mlp-nesterov-batch', `v=1&problem=mlp&opt=nesterov&lr=0.05&batch=20&steps=150&data=own&points=${ownPoints(irisLike())}`],
];

const number = (x) => (Number.isFinite(x) ? Number(f32(Math.fround(x))) : null);

async function main() {
  const { python, torch, error } = findTorch();
  if (!torch) throw new Error(`python3 with torch is needed (${error})`);
  const version = spawnSync(python, ['-c', 'import sys; print(sys.version.split()[0])'], { encoding: 'utf8' }).stdout.trim();
  const core = await loadCore();
  const dir = mkdtempSync(join(tmpdir(), 'lrp-multiclass-'));
  try {
    const paths = CASES.map(([id, preset]) => {
      const p = parse(preset, { exact: true }).preset;
      const path = join(dir, `${id}.py`);
      writeFileSync(path, torchScript(p, startData(core, p)));
      return path;
    });
    const outs = await runScripts(python, paths);
    const cases = CASES.map(([id, preset], i) => JSON.stringify({ id, preset, loss: outs[i].loss.map(number), lr: outs[i].lr }));
    const head = {
      format: 'lr-playground-multiclass-cases/1',
      about: 'Runs with k > 2 classes (softmax regression and MLPs, torch.nn.CrossEntropyLoss) and own data, computed by ' +
        'PyTorch from the script `lr-playground export PRESET --format pytorch` prints (the data, initial weights and batch ' +
        'order from the core). loss[t]: the loss before update t (float32, shortest form); lr[t]: the rate update t used.',
      generator: 'tests/lib/make-multiclass-reference.mjs',
      torch, python: version, dtype: 'float32',
      tolerance: { loss_steps: LOSS_STEPS, loss_rel: LOSS_REL, loss_floor: `${LOSS_FLOOR} |loss[0]|`, lr_rel: LR_REL },
    };
    const text = JSON.stringify(head, null, 1).replace(/\n}$/, `,\n "cases": [\n  ${cases.join(',\n  ')}\n ]\n}\n`);
    JSON.parse(text); // well-formed
    writeFileSync(OUT, text);
    console.log(`${OUT.pathname}: ${cases.length} cases, torch ${torch}, python ${version}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && new URL(import.meta.url).pathname === process.argv[1]) await main();
