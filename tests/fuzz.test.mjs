// libFuzzer over the core's public API (tests/fuzz/fuzz_core.c, under
// AddressSanitizer and UndefinedBehaviorSanitizer; built by build.sh test)
// for a bounded time: LRP_FUZZ_SECONDS, 20 by default, 0 to skip, more for
// a longer local session. The seed corpus (tests/fuzz/corpus/) is copied to
// a temporary directory, so the run never writes into the repository; a
// crash is reported with its input, in base64, and how to replay it.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';

const path = (p) => new URL(`../${p}`, import.meta.url).pathname;
const BIN = path('build/fuzz/fuzz_core');
const SECONDS = Number(process.env.LRP_FUZZ_SECONDS ?? 20);
const MIN_RUNS_PER_SECOND = 25; // a run is a few ms; far fewer means it barely fuzzed

function run(bin, args, cwd) {
  return new Promise((resolve) => {
    const env = { ...process.env, ASAN_OPTIONS: 'detect_leaks=0', UBSAN_OPTIONS: 'print_stacktrace=1' };
    const child = spawn(bin, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    child.on('error', (error) => resolve({ status: null, out: String(error) }));
    child.on('close', (status, signal) => resolve({ status, signal, out }));
  });
}

// What a failed run left behind: each crash, leak or timeout input in base64.
function artifacts(dir) {
  return readdirSync(dir)
    .filter((f) => /^(crash|leak|timeout|oom|slow-unit)-/.test(f))
    .map((f) => `${f}: ${readFileSync(join(dir, f)).toString('base64')}`)
    .join('\n');
}

it('libFuzzer finds nothing in the core\'s API', {
  skip: SECONDS === 0 && 'LRP_FUZZ_SECONDS=0',
  timeout: ((Number.isFinite(SECONDS) ? SECONDS : 0) + 120) * 1000,
}, async (t) => {
  assert.ok(SECONDS > 0, `LRP_FUZZ_SECONDS must be a positive number of seconds, not ${process.env.LRP_FUZZ_SECONDS}`);
  const dir = mkdtempSync(join(tmpdir(), 'lrp-fuzz-'));
  try {
    const corpus = join(dir, 'corpus');
    cpSync(path('tests/fuzz/corpus'), corpus, { recursive: true });
    const r = await run(BIN, [
      `-max_total_time=${SECONDS}`, '-seed=1', '-rss_limit_mb=1024', '-timeout=10',
      `-dict=${path('tests/fuzz/lrp.dict')}`, `-artifact_prefix=${dir}/`, '-print_final_stats=1',
      corpus,
    ], dir);
    const lines = r.out.split('\n');
    const first = lines.findIndex((l) => /ERROR: |runtime error:|broken promise|deadly signal|out-of-memory/.test(l));
    const tail = (first >= 0 ? lines.slice(first, first + 30).concat(['...'], lines.slice(-12)) : lines.slice(-40))
      .join('\n');
    assert.equal(r.status, 0, `${BIN} exited with ${r.status} (signal ${r.signal}):\n${tail}\n` +
      `${artifacts(dir)}\nReplay: base64 -d > input <<< '...'; ${BIN} input`);
    assert.doesNotMatch(r.out, /AddressSanitizer|UndefinedBehaviorSanitizer|runtime error:/, tail);
    const done = /^Done (\d+) runs in (\d+) second\(s\)$/m.exec(r.out);
    assert.ok(done, `no "Done N runs" line from ${BIN}:\n${tail}`);
    const runs = Number(done[1]), secs = Number(done[2]);
    const final = /DONE\s+(cov: \d+ ft: \d+ corp: \S+)/.exec(r.out);
    t.diagnostic(`${runs} runs in ${secs} s (${Math.round(runs / Math.max(secs, 1))}/s)` +
      (final ? `, ${final[1]}` : ''));
    assert.ok(runs >= MIN_RUNS_PER_SECOND * SECONDS,
      `only ${runs} runs in ${secs} s: fewer than ${MIN_RUNS_PER_SECOND} a second`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
