// The reproducibility table: version-1 presets pinned to the fingerprint
// (and divergence step, steps done and final loss) the WASM core gives them.
// tests/fingerprints.test.mjs checks the committed table in Node (SIMD and
// scalar builds), in Chromium and through the CLI; it never rewrites it.
//
//   node tests/lib/fingerprints.mjs           compares PRESETS with the table
//   node tests/lib/fingerprints.mjs --write   writes tests/fingerprints.json
//
// Rewrite the table only for a new preset added to PRESETS: a pinned
// entry that changes breaks every published link to it (PRESET.md), which
// needs a new preset version instead.
//
// This module also runs in the browser (the test imports it there), so
// Node's modules are only imported by the command line below.
import { f32 } from '../../web/export.js';

export const TABLE_PATH = 'tests/fingerprints.json';

// Each run stays cheap (the whole table runs in well under a second in
// Node) while covering every problem, data set, optimizer, schedule and
// key: the test derives the lists to cover from web/preset.js.
export const PRESETS = [
  // surfaces: quadratic with its condition numbers and starts
  'v=1&problem=quadratic',
  'v=1&problem=quadratic&cond=1&lr=0.5&steps=50',
  'v=1&problem=quadratic&cond=1000&opt=momentum&lr=0.001&momentum=0.95&steps=300',
  'v=1&problem=quadratic&cond=100&lr=0.03&steps=100', // diverges at 13
  'v=1&problem=quadratic&cond=37.5&x0=3&y0=-1.25&opt=nesterov&momentum=0.5&lr=0.02',
  'v=1&problem=quadratic&cond=2.5&opt=adamw&lr=0.1&steps=150',
  'v=1&problem=quadratic&lr=0.05&warmup=20&sched=cosine&t_max=100&min_lr=0.001&steps=150',
  'v=1&problem=quadratic&lr=100', // diverges at once
  'v=1&problem=quadratic&steps=1',
  'v=1&problem=quadratic&cond=1000&x0=-1000&y0=1000&opt=adagrad&lr=10&steps=100',
  // rosenbrock
  'v=1', // the default preset: diverges at 4
  'v=1&opt=adam&lr=0.02&sched=cosine&steps=300',
  'v=1&opt=adamw&lr=0.05&wd=0.1&amsgrad=1&steps=400',
  'v=1&opt=rmsprop&lr=0.001&alpha=0.9&eps=1e-6&steps=500',
  'v=1&opt=adagrad&lr=0.5&eps=1e-8&steps=300',
  'v=1&opt=momentum&lr=0.0005&sched=step&step_size=50&gamma=0.5&steps=400',
  'v=1&opt=adam&lr=0.1&warmup=50&sched=onecycle&steps=300',
  'v=1&x0=1000&y0=1000', // diverges at 0: the start is past 1e10
  'v=1&x0=0.5&y0=0.5&opt=sgd&lr=0.001&wd=0.05&seed=9',
  // beale
  'v=1&problem=beale&opt=adam&lr=0.01&b1=0.8&b2=0.99&bc=0&steps=300',
  'v=1&problem=beale&opt=nesterov&lr=0.001&sched=multistep&milestones=40,80,160&gamma=0.3',
  'v=1&problem=beale&lr=0.5', // diverges at 1
  'v=1&problem=beale&x0=4.5&y0=4.5&lr=100', // the loss overflows to Infinity at 1
  'v=1&problem=beale&opt=adamw&lr=0.02&b1=0.5&wd=0.5&bc=0&amsgrad=1&steps=250',
  // himmelblau
  'v=1&problem=himmelblau&sched=exp&gamma=0.995&steps=300',
  'v=1&problem=himmelblau&opt=rmsprop&lr=0.01&sched=restarts&t0=30&t_mult=2&min_lr=0.001&steps=310',
  'v=1&problem=himmelblau&opt=adam&lr=0.1&sched=onecycle&pct_start=0.25&div=10&final_div=100&steps=250',
  'v=1&problem=himmelblau&lr=0.1', // diverges at 2
  'v=1&problem=himmelblau&x0=-1&y0=-1&opt=momentum&lr=0.002&momentum=0&sched=exp&gamma=1.01&steps=120',
  // saddle
  'v=1&problem=saddle&lr=0.1',
  'v=1&problem=saddle&y0=0.001&opt=momentum&lr=0.05&sched=cyclic&min_lr=0.001&step_up=20&step_down=30&steps=300',
  'v=1&problem=saddle&y0=-0.5&opt=sgd&lr=0.2&sched=cyclic&step_up=10&mode=triangular2&steps=200',
  'v=1&problem=saddle&opt=adagrad&lr=0.3&y0=0.1&sched=restarts&steps=200',
  'v=1&problem=saddle&lr=1.1', // diverges at 60
  // wells
  'v=1&problem=wells&opt=nesterov&lr=0.02&sched=cyclic&min_lr=0.002&step_up=15&mode=exp_range&gamma=0.99&steps=250',
  'v=1&problem=wells&sched=linear&start=0.1&end=0.5&iters=100',
  'v=1&problem=wells&opt=momentum&lr=0.03&sched=poly&iters=150&power=2',
  'v=1&problem=wells&opt=adam&lr=0.3&sched=plateau&factor=0.5&patience=5&threshold=0.01&cooldown=3&min_lr=0.0001&steps=300',
  'v=1&problem=wells&opt=nesterov&sched=plateau&warmup=30&steps=200',
  'v=1&problem=wells&lr=0.05&wd=0.1&sched=linear&warmup=10&steps=120',
  'v=1&problem=wells&lr=0.7', // diverges at 2
  'v=1&problem=wells&x0=-0.2&y0=3&opt=rmsprop&lr=0.02&alpha=0.5&wd=0.01&sched=poly&steps=180',

  // linreg: line and sine
  'v=1&problem=linreg',
  'v=1&problem=linreg&data=sine&lr=0.1&n=50&noise=0.5&holdout=0',
  'v=1&problem=linreg&opt=momentum&lr=0.005&batch=1&seed=7&steps=300',
  'v=1&problem=linreg&lr=1.5', // diverges at 18
  'v=1&problem=linreg&n=10&noise=0&holdout=0.5&opt=adam&lr=0.3&sched=step&step_size=30&steps=120',
  // logreg on every classification set
  'v=1&problem=logreg',
  'v=1&problem=logreg&data=circles&opt=adam&lr=0.05&batch=16&steps=150',
  'v=1&problem=logreg&data=spiral&opt=rmsprop&lr=0.01&eps=0.001&n=300&steps=100',
  'v=1&problem=logreg&data=xor&opt=adagrad&lr=0.5&sched=cosine&seed=0&steps=100',
  'v=1&problem=logreg&data=blobs&lr=100&noise=1&steps=80',
  'v=1&problem=logreg&data=moons&opt=adamw&lr=0.2&wd=0.3&amsgrad=1&batch=50&warmup=10&sched=multistep&steps=120',
  // mlp on every data set, layers, activations, batches
  'v=1&problem=mlp&opt=adam&lr=0.02&steps=100',
  'v=1&problem=mlp&data=circles&hidden=16&act=relu&opt=momentum&lr=0.05&steps=100',
  'v=1&problem=mlp&data=spiral&hidden=4,4,4&act=sigmoid&opt=adam&lr=0.05&sched=onecycle&steps=100',
  'v=1&problem=mlp&data=xor&hidden=1&opt=nesterov&lr=0.1&momentum=0.8&steps=100',
  'v=1&problem=mlp&data=blobs&hidden=3,5&act=relu&opt=rmsprop&lr=0.003&batch=1&steps=150',
  'v=1&problem=mlp&data=line&hidden=6&opt=sgd&lr=0.05&batch=20&sched=exp&gamma=0.98&steps=100',
  'v=1&problem=mlp&data=sine&hidden=12,12&act=tanh&opt=adam&lr=0.01&n=100&noise=0.05&sched=plateau&patience=3&steps=120',
  'v=1&problem=mlp&data=moons&n=1000&hidden=2&opt=adagrad&lr=0.2&batch=64&seed=4294967295&steps=60',
  'v=1&problem=mlp&data=spiral&n=10&hidden=64&act=relu&holdout=0&opt=adam&lr=0.01&steps=40',
  'v=1&problem=mlp&data=circles&hidden=8,4&act=sigmoid&holdout=0.5&noise=0&opt=sgd&lr=1&sched=restarts&t0=20&t_mult=3&steps=140',
  'v=1&problem=mlp&data=xor&hidden=5,5&opt=adamw&lr=0.02&b2=0.9&eps=0.0001&sched=cyclic&step_up=10&step_down=5&mode=triangular2&steps=90',
  'v=1&problem=mlp&data=blobs&hidden=10&opt=adam&lr=0.05&bc=0&sched=linear&start=0.5&steps=80',
  'v=1&problem=mlp&data=line&hidden=4,4&act=relu&opt=momentum&lr=0.01&warmup=25&sched=poly&power=0.5&steps=100',
  'v=1&problem=mlp&data=sine&hidden=8&act=sigmoid&opt=rmsprop&lr=0.01&batch=1&seed=3&steps=200',
  'v=1&problem=mlp&data=moons&hidden=6,6&opt=sgd&lr=0.5&sched=cyclic&mode=exp_range&gamma=0.97&steps=100',
  'v=1&problem=mlp&data=sine&act=relu&lr=100', // diverges at 1
  'v=1&problem=mlp&data=line&lr=5', // diverges at 5
  'v=1&problem=mlp&data=sine&act=sigmoid&lr=100', // diverges at 3
  // more than two classes: softmax and cross-entropy
  'v=1&problem=logreg&data=blobs&classes=3&lr=0.5&steps=100',
  'v=1&problem=mlp&data=spiral&classes=5&hidden=16,16&opt=adam&lr=0.02&steps=300',
  'v=1&problem=mlp&data=blobs&classes=8&batch=32&act=relu&opt=adam&lr=0.05&steps=150',
  'v=1&problem=logreg&data=spiral&classes=4&noise=0.3&holdout=0.5&opt=momentum&lr=0.2',
  'v=1&problem=mlp&data=spiral&classes=3&lr=100&steps=50', // far too large: cross-entropy ends at 314, finite
  // own data (data=own: the points in the link; a column far from [-2, 2] is scaled)
  // 40 rows x1 in [20, 96], x2, three named classes (setosa, versicolor, virginica)
  'v=1&problem=mlp&data=own&opt=adam&lr=0.03&steps=150&points=1.jZA9S4JhFIZPZlEi0hQ41JCLIf4Ahzd5bjHEgoZCJBwUk3pDEj-QgqJvGiKacogCkT4sIkQiHMyCloYCNweHiIgaXYrGbv9BDw9ccM7FuQ-ns9MuIt3pWCaRjpiysVRajybiiVRvVk_N6gt6NCKSV1T4prDTv-QWuYKteUF-qd34pyayiB_7UU2kBrPBQRYVwjEyiGpmkt41_OYy2VKP38URkWUkNRP7D3h5HidL6v20SYbwUR-iV4LF2fZ_VWWwi1zDcGifOXkELE56FWVrWu9FwtBMDc4rc94lPUHO4yA3YDXmWC_AWT6-Y47qC7roz6B1Psr6DXxvh_SMMDU85BYGpo3kCV4n9pjzpJKan_4cVuerVZFbrLi32e9p70v6eAcXeYb1g03OqyuzYYx-nHcItfdDwRtg3wyEvW7pMPzr_wE',
  'v=1&problem=logreg&data=own&lr=0.5&steps=100&points=1.jZA9S4JhFIZPZlEi0hQ41JCLIf4Ahzd5bjHEgoZCJBwUk3pDEj-QgqJvGiKacogCkT4sIkQiHMyCloYCNweHiIgaXYrGbv9BDw9ccM7FuQ-ns9MuIt3pWCaRjpiysVRajybiiVRvVk_N6gt6NCKSV1T4prDTv-QWuYKteUF-qd34pyayiB_7UU2kBrPBQRYVwjEyiGpmkt41_OYy2VKP38URkWUkNRP7D3h5HidL6v20SYbwUR-iV4LF2fZ_VWWwi1zDcGifOXkELE56FWVrWu9FwtBMDc4rc94lPUHO4yA3YDXmWC_AWT6-Y47qC7roz6B1Psr6DXxvh_SMMDU85BYGpo3kCV4n9pjzpJKan_4cVuerVZFbrLi32e9p70v6eAcXeYb1g03OqyuzYYx-nHcItfdDwRtg3wyEvW7pMPzr_wE',
  // 30 rows (year 1990..2019, temperature): both scaled
  'v=1&problem=linreg&data=own&lr=0.1&steps=100&points=1.HcstDsJAEMXxOUR14Q7VJJ2kAgsn2NKyhapiwdSguUITqtGVDVjQ2K3HkvAl-Gcn-Yn3XkYkFK5_JeIg70TGiGFQo0EPB_mwI4ZBjQY9HOTLjhgGNRr0cJAfO2IYiNG2SnUzWXiHc6qXp9Fha_R-ND5HUUbOtQuXbLk-ZrmO9pnvg1Omt2vOr6UrVGRFV-h0sL7bBVbnnfV9W63V2pJc6h8',
  'v=1&problem=mlp&data=own&batch=8&hidden=16&opt=rmsprop&steps=120&points=1.HcstDsJAEMXxOUR14Q7VJJ2kAgsn2NKyhapiwdSguUITqtGVDVjQ2K3HkvAl-Gcn-Yn3XkYkFK5_JeIg70TGiGFQo0EPB_mwI4ZBjQY9HOTLjhgGNRr0cJAfO2IYiNG2SnUzWXiHc6qXp9Fha_R-ND5HUUbOtQuXbLk-ZrmO9pnvg1Omt2vOr6UrVGRFV-h0sL7bBVbnnfV9W63V2pJc6h8',
];

// What the table records of one run: fingerprint and diverged_at (the
// promise), the steps done and the final loss (shortest float32 text;
// "Infinity" or "NaN" where it is not finite), which say what changed.
export function summarize(run) {
  const last = run.loss[run.loss.length - 1];
  return {
    fingerprint: run.fingerprint,
    diverged_at: run.diverged_at,
    steps: run.loss.length - 1,
    final_loss: f32(last) ?? String(last),
  };
}

// The table's entries for `presets`, run by `core` (parse is preset.js's).
export function entries(core, parse, canonicalize, presets = PRESETS) {
  return presets.map((text) => {
    const { preset, issues } = parse(text, { strict: true });
    if (issues.length) throw new Error(`${text}: ${issues.map((i) => `${i.key}: ${i.reason}`).join('; ')}`);
    return { preset: canonicalize(preset), ...summarize(core.run(preset)) };
  });
}

// The command line (Node only).
async function main(argv) {
  const { readFileSync, writeFileSync } = await import('node:fs');
  const { loadCore } = await import('../../web/core.js');
  const { canonicalize, parse } = await import('../../web/preset.js');
  const path = new URL(`../../${TABLE_PATH}`, import.meta.url);
  const table = entries(await loadCore(), parse, canonicalize);
  const seen = new Set();
  for (const e of table) {
    if (seen.has(e.preset)) throw new Error(`${e.preset}: listed twice (canonically)`);
    seen.add(e.preset);
  }
  const text = `[\n${table.map((e) => `  ${JSON.stringify(e)}`).join(',\n')}\n]\n`;
  if (argv.includes('--write')) {
    writeFileSync(path, text);
    console.log(`wrote ${table.length} entries to ${TABLE_PATH}`);
    return 0;
  }
  let old = [];
  try {
    old = JSON.parse(readFileSync(path, 'utf8'));
  } catch { /* no table yet */ }
  const byPreset = new Map(old.map((e) => [e.preset, e]));
  let changed = 0;
  for (const e of table) {
    const o = byPreset.get(e.preset);
    const what = !o ? 'new' : JSON.stringify(o) === JSON.stringify(e) ? null : `CHANGED (was ${JSON.stringify(o)})`;
    if (what) {
      changed++;
      console.log(`${what}: ${JSON.stringify(e)}`);
    }
  }
  for (const o of old) if (!seen.has(o.preset)) console.log(`only in the table: ${o.preset}`);
  console.log(`${table.length} presets, ${changed} new or changed; --write writes the table`);
  return 0;
}

if (typeof process !== 'undefined' && process.argv?.[1] &&
    import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'))) {
  process.exitCode = await main(process.argv.slice(2));
}
