// The core against PyTorch with more than two classes, without torch: the
// losses and rates torch computed for tests/reference/multiclass-cases.json
// (made by tests/lib/make-multiclass-reference.mjs from the exported
// scripts: softmax regression and MLPs with k = 3 .. 8, CrossEntropyLoss,
// SGD, momentum, Nesterov, Adam and AdamW, schedules, mini-batches, own
// data) are matched with tests/torch-export.test.mjs's rule: the loss to
// 1e-5 relative over the first 100 steps with the |loss[0]| / 10 floor,
// the rate to 1e-12. The largest errors seen are printed.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import { loadCore } from '../web/core.js';
import { parse } from '../web/preset.js';
import { LOSS_REL, LR_REL, Worst, compare } from './lib/torch.mjs';

const FILE = new URL('./reference/multiclass-cases.json', import.meta.url);
const REFERENCE = JSON.parse(readFileSync(FILE, 'utf8'));

describe('more than two classes, against PyTorch (tests/reference/multiclass-cases.json)', () => {
  let core;
  before(async () => { core = await loadCore(); });

  it('covers softmax regression and MLPs with k = 3 .. 8, a schedule, mini-batches and own data', () => {
    const presets = REFERENCE.cases.map((c) => parse(c.preset, { exact: true }).preset);
    const ks = new Set(presets.map((p) => p.classes));
    assert.ok(ks.has(3) && ks.has(8) && [...ks].every((k) => k >= 3 && k <= 8), [...ks].join(','));
    assert.ok(presets.some((p) => p.problem === 'logreg') && presets.some((p) => p.problem === 'mlp'));
    assert.ok(presets.some((p) => p.sched !== 'constant') && presets.some((p) => p.batch > 0));
    assert.ok(presets.some((p) => p.data === 'own'));
    assert.deepEqual(new Set(presets.map((p) => p.opt)), new Set(['sgd', 'momentum', 'nesterov', 'adam', 'adamw']));
    assert.match(REFERENCE.torch, /^\d+\.\d+/);
  });

  it('the core\'s loss and rate match torch\'s at every case', (t) => {
    const worst = new Worst(), bad = [];
    for (const c of REFERENCE.cases) {
      const r = core.run(parse(c.preset, { exact: true }).preset);
      const want = { loss: Array.from(r.loss), lr: Array.from(r.lr) };
      const got = { loss: c.loss, lr: c.lr };
      const e = compare(want, got);
      worst.add(c.id, e);
      if (!(e.loss.rel <= LOSS_REL)) bad.push(`${c.id}: loss[${e.loss.t}] relative error ${e.loss.rel}`);
      if (!(e.lr.rel <= LR_REL)) bad.push(`${c.id}: lr[${e.lr.t}] relative error ${e.lr.rel}`);
      if (want.lr.length !== got.lr.length) bad.push(`${c.id}: ${want.lr.length} updates in the core, ${got.lr.length} in torch`);
      if (r.diverged_at !== null) bad.push(`${c.id}: diverged at ${r.diverged_at}`);
    }
    for (const line of [`torch ${REFERENCE.torch}, ${REFERENCE.cases.length} cases`, ...worst.lines()]) t.diagnostic(line);
    assert.deepEqual(bad, []);
  });
});
