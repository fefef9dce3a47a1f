// The native C tests (tests/c/), built by build.sh into build/native/.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { it } from 'node:test';

const BIN = new URL('../build/native/test_core', import.meta.url).pathname;

it('native C tests pass', () => {
  const r = spawnSync(BIN, { encoding: 'utf8', maxBuffer: 1 << 26 });
  const summary = /^(\d+) passed, (\d+) failed$/m.exec(r.stdout);
  assert.ok(summary, `no summary line from ${BIN}:\n${r.stdout}\n${r.stderr}`);
  assert.equal(Number(summary[2]), 0, r.stdout + r.stderr);
  assert.ok(Number(summary[1]) > 100, 'too few native checks ran');
  assert.equal(r.status, 0, r.stderr);
});
