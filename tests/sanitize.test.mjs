// The native C tests (tests/c/) again under AddressSanitizer and
// UndefinedBehaviorSanitizer, with the SIMD kernels and with the scalar
// twins alone (-DLRP_NO_SIMD): clang builds them into build/asan/ and
// build/asan-scalar/ (`make sanitize`, which `build.sh test` runs). The two
// run at once; any sanitizer report fails the test.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { it } from 'node:test';

const BUILDS = [
  ['SIMD kernels', 'asan'],
  ['scalar twins (LRP_NO_SIMD)', 'asan-scalar'],
];
// The core never allocates, so leak checking would only test the tests;
// it is off because LeakSanitizer needs ptrace, which containers may deny.
const ENV = {
  ...process.env,
  ASAN_OPTIONS: 'detect_leaks=0:detect_stack_use_after_return=1:strict_string_checks=1',
  UBSAN_OPTIONS: 'print_stacktrace=1',
};
const REPORT = /AddressSanitizer|UndefinedBehaviorSanitizer|runtime error:/;

function run(bin) {
  return new Promise((resolve) => {
    const child = spawn(bin, { env: ENV });
    let stdout = '', stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', (error) => resolve({ status: null, stdout, stderr: String(error) }));
    child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr }));
  });
}

const started = BUILDS.map(([, dir]) => {
  const bin = new URL(`../build/${dir}/test_core`, import.meta.url).pathname;
  return { bin, result: run(bin) };
});

BUILDS.forEach(([name], i) => {
  it(`native C tests pass under ASan and UBSan: ${name}`, async (t) => {
    const { bin, result } = started[i];
    const r = await result;
    const summary = /^(\d+) passed, (\d+) failed$/m.exec(r.stdout);
    assert.ok(summary, `no summary line from ${bin} (built by bash build.sh test):\n${r.stdout}\n${r.stderr}`);
    assert.doesNotMatch(r.stderr, REPORT, r.stderr);
    assert.equal(Number(summary[2]), 0, r.stdout + r.stderr);
    assert.ok(Number(summary[1]) > 100, 'too few native checks ran');
    assert.equal(r.status, 0, `exit status ${r.status} (signal ${r.signal}):\n${r.stderr}`);
    t.diagnostic(`${summary[1]} checks passed`);
  });
});
