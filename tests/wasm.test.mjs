// The built module really is SIMD WebAssembly, and its scalar twin is not.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { wasmBytes } from './lib/wasm.mjs';

const gen = (name) => new URL(`../web/gen/${name}`, import.meta.url).pathname;

// Counts each f32x4 instruction in the disassembly (binaryen's wasm-dis).
function simdOps(mjs) {
  const dir = mkdtempSync(join(tmpdir(), 'lrp-wasm-'));
  const file = join(dir, 'core.wasm');
  writeFileSync(file, wasmBytes(mjs));
  const text = execFileSync('wasm-dis', [file], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const counts = {};
  for (const [op] of text.matchAll(/\bf32x4\.[a-z_]+/g)) counts[op] = (counts[op] ?? 0) + 1;
  return counts;
}

it('the SIMD build runs the optimizer kernels in f32x4 instructions', () => {
  const ops = simdOps(gen('lrp-core.mjs'));
  for (const op of ['f32x4.add', 'f32x4.mul', 'f32x4.div', 'f32x4.sqrt']) {
    assert.ok(ops[op] > 0, `no ${op} in the SIMD build: ${JSON.stringify(ops)}`);
  }
});

it('the scalar build has no f32x4 instruction', () => {
  assert.deepEqual(simdOps(gen('lrp-core-scalar.mjs')), {});
});

it('the binary is valid WebAssembly that uses no relaxed SIMD', () => {
  const bytes = wasmBytes(gen('lrp-core.mjs'));
  assert.ok(WebAssembly.validate(bytes));
  const text = execFileSync('wasm-dis', ['-'], { input: bytes, encoding: 'utf8', maxBuffer: 1 << 26 });
  assert.doesNotMatch(text, /relaxed/);
});
