// Every PyTorch reference case, through core.js and through the CLI.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { loadCore } from '../web/core.js';
import { parse } from '../web/preset.js';
import { CASES, CASES_PATH, compareRun } from './lib/reference.mjs';

const run = promisify(execFile);
const CLI = new URL('../web/cli.mjs', import.meta.url).pathname;
const core = await loadCore();

const pairs = (flat) => Array.from({ length: flat.length / 2 }, (_, i) => [flat[2 * i], flat[2 * i + 1]]);

it('the committed copy of the reference cases matches shared/reference', (t) => {
  const shared = new URL('../../shared/reference/pytorch-cases.json', import.meta.url);
  if (!existsSync(shared)) return t.skip('no shared/ beside this checkout');
  assert.equal(readFileSync(CASES_PATH, 'utf8'), readFileSync(shared, 'utf8'));
});

it('covers every optimizer and schedule', () => {
  const opts = new Set(CASES.map((c) => c.preset.opt));
  const scheds = new Set(CASES.map((c) => c.preset.sched ?? 'constant'));
  assert.equal(opts.size, 7);
  assert.equal(scheds.size, 11);
  assert.ok(CASES.length >= 100);
});

describe('PyTorch reference cases through core.js', () => {
  for (const c of CASES) {
    it(c.id, () => {
      const { preset } = parse(c.preset, { strict: true });
      const r = core.run(preset);
      const bad = compareRun(c, { ...r, loss: Array.from(r.loss), lr: Array.from(r.lr), path: pairs(r.path) });
      assert.deepEqual(bad, []);
    });
  }
});

describe('PyTorch reference cases through the CLI', { concurrency: 4 }, () => {
  for (const c of CASES) {
    it(c.id, async () => {
      const query = Object.entries(c.preset).map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
      const { stdout } = await run(process.execPath, [CLI, 'run', query], { maxBuffer: 1 << 26 });
      const out = JSON.parse(stdout);
      const bad = compareRun(c, { ...out, loss: out.loss.map((x) => x ?? NaN) });
      assert.deepEqual(bad, []);
    });
  }
});
