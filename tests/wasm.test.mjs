// The built module really is SIMD WebAssembly, and its scalar twin is not;
// the page's glue (web/wasm.js) and fallback script fit it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { BINDINGS } from '../web/bindings.js';
import { loadCore } from '../web/core.js';
import { parse } from '../web/preset.js';

const gen = (name) => new URL(`../web/gen/${name}`, import.meta.url).pathname;

// Counts each f32x4 instruction in the disassembly (binaryen's wasm-dis).
function simdOps(file) {
  const text = execFileSync('wasm-dis', [file], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const counts = {};
  for (const [op] of text.matchAll(/\bf32x4\.[a-z_]+/g)) counts[op] = (counts[op] ?? 0) + 1;
  return counts;
}

it('the SIMD build runs the optimizer kernels in f32x4 instructions', () => {
  const ops = simdOps(gen('lrp-core.wasm'));
  for (const op of ['f32x4.add', 'f32x4.mul', 'f32x4.div', 'f32x4.sqrt']) {
    assert.ok(ops[op] > 0, `no ${op} in the SIMD build: ${JSON.stringify(ops)}`);
  }
});

it('the scalar build has no f32x4 instruction', () => {
  assert.deepEqual(simdOps(gen('lrp-core-scalar.wasm')), {});
});

it('the binary is valid WebAssembly that uses no relaxed SIMD', () => {
  const bytes = readFileSync(gen('lrp-core.wasm'));
  assert.ok(WebAssembly.validate(bytes));
  const text = execFileSync('wasm-dis', ['-'], { input: bytes, encoding: 'utf8', maxBuffer: 1 << 26 });
  assert.doesNotMatch(text, /relaxed/);
});

it('the binary imports only what web/wasm.js gives it, and exports just the bound functions', () => {
  const module = new WebAssembly.Module(readFileSync(gen('lrp-core.wasm')));
  assert.deepEqual(WebAssembly.Module.imports(module).map((i) => `${i.module}.${i.name}`), ['env.emscripten_notify_memory_growth']);
  // exactly the bound functions, the memory and the reactor's constructor
  const exported = WebAssembly.Module.exports(module).map((e) => e.name).sort();
  assert.deepEqual(exported, [...BINDINGS.map(([name]) => name), 'memory', '_initialize'].sort());
});

// Where nothing may be fetched, the page decodes the core from a script.
it('lrp-core-wasm.js carries the very bytes of lrp-core.wasm', () => {
  const sandbox = {};
  new Function('self', readFileSync(gen('lrp-core-wasm.js'), 'utf8'))(sandbox);
  assert.ok(Buffer.from(sandbox.lrpCoreWasm, 'base64').equals(readFileSync(gen('lrp-core.wasm'))));
});

// The heap views follow the memory as it grows (a large job allocates more
// than the module starts with); strings and outputs read after it are right.
it('the glue reads the heap after the memory grew', async () => {
  const core = await loadCore();
  const before = core.M.HEAPU8.length;
  const run = core.run(parse('v=1&problem=mlp&n=10000&hidden=64,64,64&steps=2&holdout=0').preset);
  assert.ok(core.M.HEAPU8.length > before, `the memory did not grow (${before} bytes)`);
  assert.equal(core.M.HEAPU8.buffer, core.M.HEAPF32.buffer);
  assert.equal(run.loss.length, 3);
  assert.ok(run.loss.every(Number.isFinite));
  assert.equal(core.c.lrp_error_message(14), 'own data: the points have not been given');
});
