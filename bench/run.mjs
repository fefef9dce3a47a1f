// run.mjs - the benchmark: every workload with every available
// implementation in one invocation, each timed as the median of several runs
// after warm-up, then the targets as measured ratios with PASS / MISS.
//
//   node bench/run.mjs [--json] [--quick] [--only W1,W2] [--reps N] [--no-page]
//
// Then the page in Chromium (bench/page.mjs): the cold first chart, the
// longest start-up task, the JavaScript before the first chart, and the
// slider's input to paint; --no-page skips it.
// --json prints only one JSON object on stdout (median ms, null where an
// implementation cannot run a workload); everything else goes to stderr.
// --quick is a smoke test: one warm-up, and one timed run of anything that
// takes over 200 ms (a warm-up over 5 s is reused as that run).
//
// Workloads (float32, the same shapes and steps everywhere):
//   W1      MLP 2-16-16-1 tanh, mean BCE from logits, 256 half-moon points,
//           full batch, Adam lr 0.01, 500 steps
//   W1-big  the same with 4096 points, hidden 64,64, 200 steps
//   W2      Adam on Rosenbrock from (-1.5, 2), lr 0.01, 10000 steps, loss and
//           path recorded at every step
//   W3      W1 for 32 rates log-spaced from 1e-4 to 10, one after another
// Implementations: the core (WASM SIMD, WASM scalar, native -O3), plain JS
// (bench/js.mjs), TensorFlow.js 4.22 on its wasm and cpu backends
// (bench/tfjs.mjs).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { measurePage, pageRows } from './page.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CORE_WASM = path.join(ROOT, 'web/gen/lrp-core.wasm');
// The core's glue in the page: what loads, compiles and wraps the binary.
const GLUE = ['web/boot.js', 'web/core-fetch.js', 'web/bundle-url.js', 'web/wasm.js'];
const NATIVE_BIN = path.join(ROOT, 'build/bench/native');
const IMPLS = ['core-wasm-simd', 'core-wasm-scalar', 'core-native', 'js', 'tfjs-wasm', 'tfjs-cpu'];

const W1 = { n: 256, hidden: [16, 16], steps: 500, lr: 0.01 };
const LRS = Array.from({ length: 32 }, (_, k) => 10 ** (-4 + (5 * k) / 31));
const WORKLOADS = {
  W1,
  'W1-big': { n: 4096, hidden: [64, 64], steps: 200, lr: 0.01 },
  W2: { steps: 10000, lr: 0.01 },
  W3: { ...W1, lrs: LRS },
};

// The same workloads as presets (PRESET.md), for the core.
const mlpPreset = ({ n, hidden, steps, lr }) =>
  `v=1&problem=mlp&data=moons&n=${n}&noise=0.1&holdout=0&hidden=${hidden}&act=tanh&opt=adam&lr=${lr}&steps=${steps}`;
const PRESETS = {
  W1: [mlpPreset(W1)],
  'W1-big': [mlpPreset(WORKLOADS['W1-big'])],
  W2: ['v=1&problem=rosenbrock&opt=adam&lr=0.01&steps=10000'],
  W3: LRS.map((lr) => mlpPreset({ ...W1, lr })),
};

// Sanity of each run's final loss: moons are mostly separable, Rosenbrock's
// minimum is 0. W3 reports the best loss of its sweep.
const CHECKS = { W1: 0.35, 'W1-big': 0.35, W2: 0.01, W3: 0.35 };

// Targets: [label, workload, faster impl, slower impl, minimum ratio
// slower / faster]; "within 1.2x of native" is native / simd >= 1 / 1.2.
// Issue #15's goals where it sets one (W1, W3 20x and W1-big 25x plain JS,
// W1-big 12x TF.js-wasm, within 1.2x of native), the earlier ones beside.
const TARGETS = [
  ['core WASM SIMD vs js', 'W1', 'core-wasm-simd', 'js', 20],
  ['core WASM SIMD vs js', 'W1-big', 'core-wasm-simd', 'js', 25],
  ['core WASM SIMD vs js', 'W3', 'core-wasm-simd', 'js', 20],
  ['core WASM SIMD vs tfjs-wasm', 'W1', 'core-wasm-simd', 'tfjs-wasm', 15],
  ['core WASM SIMD vs tfjs-wasm', 'W1-big', 'core-wasm-simd', 'tfjs-wasm', 12],
  ['core WASM SIMD vs native (within 1.2x)', 'W1', 'core-wasm-simd', 'core-native', 1 / 1.2],
  ['core WASM SIMD vs native (within 1.2x)', 'W1-big', 'core-wasm-simd', 'core-native', 1 / 1.2],
  ['core WASM SIMD vs WASM scalar', 'W1-big', 'core-wasm-simd', 'core-wasm-scalar', 3],
  ['core WASM SIMD vs js (no slower)', 'W2', 'core-wasm-simd', 'js', 1],
];
const GZIP_LIMIT = 30000; // "< 30 KB", read as the stricter 30,000 bytes

function parseArgs(argv) {
  const opts = { json: false, quick: false, only: Object.keys(WORKLOADS), reps: 5, page: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') opts.json = true;
    else if (a === '--quick') opts.quick = true;
    else if (a === '--no-page') opts.page = false;
    else if (a === '--only' || a === '--reps') {
      const v = argv[++i];
      if (v === undefined) usage(`${a} needs a value`);
      if (a === '--reps') opts.reps = Number(v);
      else opts.only = v.split(',').map((s) => s.trim()).filter(Boolean);
    } else usage(`unknown argument ${a}`);
  }
  const unknown = opts.only.filter((w) => !(w in WORKLOADS));
  if (unknown.length || !opts.only.length) usage(`--only takes some of ${Object.keys(WORKLOADS).join(',')}`);
  if (!Number.isInteger(opts.reps) || opts.reps < 1) usage('--reps must be a positive integer');
  opts.only = Object.keys(WORKLOADS).filter((w) => opts.only.includes(w));
  return opts;
}

function usage(message) {
  console.error(`bench: ${message}\nusage: node bench/run.mjs [--json] [--quick] [--only W1,W1-big,W2,W3] [--reps N] [--no-page]`);
  process.exit(2);
}

const log = (msg) => console.error(`bench: ${msg}`);
const last = (a) => a[a.length - 1];
// The smallest finite value (a diverged run's NaN does not count).
const best = (xs) => xs.reduce((m, x) => (x < m ? x : m), Infinity);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
};

// ---- implementations -------------------------------------------------------
// Each loads to { info, enter?, prepare(workload) -> run }, where run() does
// one whole timed run and returns its final loss (W3: the best of the sweep),
// or { ms, loss } when it times itself (core-native).
// prepare does the untimed set-up (parsing presets); enter() (untimed,
// async) runs before each timed run (TF.js switches its global backend).

// From w1(params) -> final loss and w2(params) -> { loss }.
const fromFunctions = ({ w1, w2 }) => (name) => {
  const work = WORKLOADS[name];
  if (name === 'W2') return () => last(w2(work).loss);
  if (name === 'W3') return () => best(work.lrs.map((lr) => w1({ ...work, lr })));
  return () => w1(work);
};

async function coreImpl(scalar) {
  const { loadCore } = await import('../web/core.js');
  const { parse } = await import('../web/preset.js');
  const core = await loadCore({ scalar });
  return {
    info: path.relative(ROOT, scalar ? CORE_WASM.replace('.wasm', '-scalar.wasm') : CORE_WASM),
    prepare(name) {
      const presets = PRESETS[name].map((text) => parse(text, { strict: true }).preset);
      return () => best(presets.map((p) => last(core.run(p).loss)));
    },
  };
}

async function jsImpl() {
  const js = await import('./js.mjs');
  return { info: 'bench/js.mjs', prepare: fromFunctions(js) };
}

async function tfjsImpl(backend) {
  const tfjs = await import('./tfjs.mjs');
  const got = await tfjs.useBackend(backend);
  const info =
    `TF.js ${got.version}, tf.getBackend() = ${got.backend}` +
    (backend === 'wasm' ? `, module ${got.file} (${got.simd ? 'SIMD' : 'no SIMD'}), threads ${got.threads}` : '');
  return { info, enter: () => tfjs.useBackend(backend), prepare: fromFunctions(tfjs) };
}

const LOADERS = {
  'core-wasm-simd': () => coreImpl(false),
  'core-wasm-scalar': () => coreImpl(true),
  'core-native': nativeImpl,
  js: jsImpl,
  'tfjs-wasm': () => tfjsImpl('wasm'),
  'tfjs-cpu': () => tfjsImpl('cpu'),
};

// core-native: bench/native.c, built here (again when a source is newer).
// The binary times itself; each of our runs spawns it for one untimed and
// one timed run of the workload, so it takes its turn with the others.
async function nativeImpl() {
  const sources = [...readdir('core', '.c'), ...readdir('core', '.h'), 'bench/native.c'];
  const built = existsSync(NATIVE_BIN) && statSync(NATIVE_BIN).mtimeMs;
  if (!built || sources.some((f) => statSync(path.join(ROOT, f)).mtimeMs > built)) {
    mkdirSync(path.dirname(NATIVE_BIN), { recursive: true });
    const args = ['-O3', '-march=native', '-ffp-contract=off', '-Icore', ...readdir('core', '.c'), 'bench/native.c', '-lm', '-o', path.relative(ROOT, NATIVE_BIN)];
    log(`building: cc ${args.join(' ')}`);
    const cc = spawnSync('cc', args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    if (cc.error || cc.status !== 0) throw new Error(`cc failed${cc.error ? `: ${cc.error.message}` : ''}`);
  }
  return {
    info: `${path.relative(ROOT, NATIVE_BIN)} (cc -O3 -march=native -ffp-contract=off), times itself`,
    prepare(name) {
      const args = ['1', '1', ...PRESETS[name].map((p) => `${name}:${p}`)];
      return () => {
        const run = spawnSync(NATIVE_BIN, args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
        if (run.error || run.status !== 0) throw new Error(`native exited with ${run.error?.message ?? run.status}`);
        const out = JSON.parse(run.stdout)[name];
        if (out.error) throw new Error(out.error);
        return { ms: out.ms, loss: out.loss ?? NaN };
      };
    },
  };
}

const readdir = (dir, ext) =>
  readdirSync(path.join(ROOT, dir))
    .filter((f) => f.endsWith(ext))
    .sort()
    .map((f) => `${dir}/${f}`);

// ---- timing ----------------------------------------------------------------

// One run: its time in ms (the run's own when it reports one); its final
// loss goes to cell.loss.
function timed(run, cell) {
  const t0 = performance.now();
  const out = run();
  const ms = performance.now() - t0;
  cell.loss = typeof out === 'object' ? out.loss : out;
  return typeof out === 'object' ? out.ms : ms;
}

// Times one workload on every loaded implementation: warm-ups first (two
// when a run is short, one when it is long), then the timed runs taken in
// turn across implementations, so a change in machine load hits all alike.
async function timeWorkload(name, impls, opts, results) {
  const live = [];
  for (const [impl, loaded] of impls) {
    const cell = results[name][impl];
    try {
      const run = loaded.prepare(name);
      await loaded.enter?.();
      let warm = timed(run, cell);
      if (!opts.quick && warm < 1000) warm = Math.min(warm, timed(run, cell));
      // A smoke test reuses a long warm-up as its one timed run; a run of
      // a few ms is timed more often (about 200 ms of samples, up to 101):
      // its median over 5 moves with every GC and timer tick.
      const reps = opts.quick && warm > 200 ? 1 : warm < 20 ? Math.max(opts.reps, Math.min(101, Math.ceil(200 / Math.max(warm, 0.1)))) : opts.reps;
      live.push({ impl, loaded, run, cell, reps, samples: opts.quick && warm > 5000 ? [warm] : [] });
    } catch (e) {
      cell.error = e.message;
      log(`${name} ${impl}: cannot run: ${e.message}`);
    }
  }
  const rounds = Math.max(0, ...live.map((e) => e.reps));
  for (let r = 0; r < rounds; r++) {
    for (const entry of live) {
      if (entry.samples.length >= entry.reps) continue;
      await entry.loaded.enter?.();
      entry.samples.push(timed(entry.run, entry.cell));
    }
  }
  for (const { impl, cell, samples } of live) {
    cell.ms = median(samples);
    cell.runs = samples.length;
    log(`${name} ${impl}: ${fmtMs(cell.ms)} ms (median of ${samples.length}), final loss ${fmtLoss(cell.loss)}`);
  }
}

// ---- output ----------------------------------------------------------------

const fmtMs = (ms) => (ms == null ? '-' : ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));
const fmtLoss = (x) => (x == null ? '-' : x === 0 ? '0' : Number.isFinite(x) ? x.toPrecision(4) : String(x));
const pad = (s, w, right = false) => (right ? String(s).padEnd(w) : String(s).padStart(w));

function table(rows, header) {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => String(r[c]).length)));
  const line = (r) => r.map((x, c) => pad(x, widths[c], c === 0)).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function report(results, only, meta) {
  const out = [];
  out.push(`lr-playground benchmark: node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'})`);
  out.push(`median ms of ${meta.quick ? 'up to ' : ''}${meta.reps} timed runs after warm-up (more, up to 101, for runs under 20 ms)${meta.quick ? ' (--quick: 1 of anything over 200 ms)' : ''}; - = not available\n`);
  out.push(table(only.map((w) => [w, ...IMPLS.map((i) => fmtMs(results[w][i].ms))]), ['ms', ...IMPLS]));
  out.push('\nfinal loss (W3: best of the sweep); the same init makes js and tfjs agree to ~1e-6');
  out.push(table(only.map((w) => [w, ...IMPLS.map((i) => fmtLoss(results[w][i].loss))]), ['loss', ...IMPLS]));

  out.push('\ntargets');
  const rows = [];
  for (const [label, w, fast, slow, min] of TARGETS) {
    if (!only.includes(w)) continue;
    const a = results[w][fast].ms;
    const b = results[w][slow].ms;
    const ratio = a != null && b != null ? b / a : null;
    const goal = min < 1 ? `<= ${+(1 / min).toFixed(2)}x its time` : `>= ${min}x faster`;
    const measured = ratio == null ? 'n/a' : min < 1 ? `${(a / b).toFixed(2)}x its time` : `${ratio.toFixed(1)}x`;
    rows.push([`${label}, ${w}`, goal, measured, ratio == null ? 'n/a' : ratio >= min ? 'PASS' : 'MISS']);
  }
  const gz = meta.gzip;
  rows.push([
    'core module and its glue, gzip -9 each',
    `< ${GZIP_LIMIT.toLocaleString('en')} bytes`,
    gz ? `${gz.gzip.toLocaleString('en')} bytes (lrp-core.wasm ${gz.wasm.toLocaleString('en')}, raw ${gz.raw.toLocaleString('en')}; glue ${gz.glue.toLocaleString('en')}, minified)` : 'n/a',
    gz ? (gz.gzip < GZIP_LIMIT ? 'PASS' : 'MISS') : 'n/a',
  ]);
  out.push(table(rows, ['target', 'goal', 'measured', '']));
  if (meta.page) out.push('\nthe page in Chromium (bench/page.mjs)', table(pageRows(meta.page), ['measure', 'goal', 'measured', '']));

  out.push('\nimplementations');
  for (const [impl, info] of Object.entries(meta.info)) out.push(`  ${pad(impl, 16, true)} ${info}`);
  const notes = [];
  for (const w of only) for (const i of IMPLS) if (results[w][i].error) notes.push(`  ${w} ${i}: ${results[w][i].error}`);
  if (notes.length) out.push('\nnot run', ...notes);
  if (meta.failures.length) out.push('\nSELF-CHECK FAILED', ...meta.failures.map((f) => `  ${f}`));
  return out.join('\n');
}

// The binary and its glue (minified as the bundle has it), each gzip -9.
async function gzipSize() {
  if (!existsSync(CORE_WASM)) return null;
  const bytes = readFileSync(CORE_WASM);
  const gz = (b) => gzipSync(b, { level: 9 }).length;
  const { transform } = await import('esbuild');
  let glue = 0;
  for (const f of GLUE) glue += gz((await transform(readFileSync(path.join(ROOT, f), 'utf8'), { minify: true, format: 'esm' })).code);
  return { raw: bytes.length, wasm: gz(bytes), glue, gzip: gz(bytes) + glue };
}

// ---- main ------------------------------------------------------------------

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  // Nothing but the JSON object may reach stdout with --json.
  const print = (s) => process.stdout.write(`${s}\n`);
  if (opts.json) console.log = console.error;

  const results = Object.fromEntries(opts.only.map((w) => [w, Object.fromEntries(IMPLS.map((i) => [i, {}]))]));
  const info = {};

  const impls = [];
  for (const [impl, load] of Object.entries(LOADERS)) {
    try {
      const loaded = await load();
      impls.push([impl, loaded]);
      info[impl] = loaded.info;
    } catch (e) {
      info[impl] = `not available: ${e.message}`;
      for (const w of opts.only) results[w][impl].error = `not available: ${e.message}`;
      log(`${impl}: not available: ${e.message}`);
    }
  }
  for (const w of opts.only) await timeWorkload(w, impls, opts, results);

  const failures = [];
  for (const w of opts.only) {
    for (const i of IMPLS) {
      const { loss } = results[w][i];
      if (loss != null && !(loss < CHECKS[w])) failures.push(`${w} ${i}: final loss ${fmtLoss(loss)} is not below ${CHECKS[w]}`);
    }
  }
  const gzip = await gzipSize();
  let page = null;
  if (opts.page) {
    log('the page in Chromium ...');
    page = await measurePage(ROOT).catch((e) => ({ error: e.message }));
  }
  if (opts.json) {
    const json = Object.fromEntries(
      opts.only.map((w) => [w, Object.fromEntries(IMPLS.map((i) => [i, results[w][i].ms ?? null]))]),
    );
    json.core_gzip_bytes = gzip?.gzip ?? null;
    if (page) json.page = page;
    print(JSON.stringify(json));
  } else {
    print(report(results, opts.only, { reps: opts.reps, quick: opts.quick, info, gzip, failures, page }));
  }
  for (const f of failures) log(`self-check failed: ${f}`);
  process.exitCode = failures.length ? 1 : 0;
}

await main();
