// The learning-rate tools (web/tools.js) and their commands: the range test's
// suggestions, the sweep's divergence boundary at 2/c, tuning against the
// default rate, the worker-thread sweep, and the CLI's agreement with the library.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { before, describe, it } from 'node:test';
import { loadCore } from '../web/core.js';
import { parse } from '../web/preset.js';
import {
  findLR, loss32, minimum, slide, steep, suggest, sweepLR, sweepParallel, sweepPresets, tune, valley,
} from '../web/tools.js';

const CLI = new URL('../web/cli.mjs', import.meta.url).pathname;
const cli = (args) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
const P = (text) => parse(text, { strict: true }).preset;
// What the CLI's JSON reads back as: non-finite numbers become null.
const asJSON = (x) => JSON.parse(JSON.stringify(x, (k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v)));
const SURFACES = ['quadratic', 'rosenbrock', 'beale', 'himmelblau', 'saddle', 'wells'];

let core;
before(async () => { core = await loadCore(); });

// Plain SGD on 0.5 (x^2 + c y^2) in float32 with the core's ExponentialLR and
// divergence rule: a stand-in while the core limits gamma to (0, 1].
const quadraticCore = (c) => ({
  run(p) {
    const loss = [], lr = [];
    let [x, y] = [p.x0, p.y0];
    for (let t = 0; t <= p.steps; t++) {
      const f = Math.fround(0.5 * (x * x + c * y * y));
      loss.push(f);
      if (!Number.isFinite(f) || f > 1e10) return { loss: Float32Array.from(loss), lr: Float64Array.from(lr), diverged_at: t };
      if (t === p.steps) break;
      const rate = p.lr * p.gamma ** t;
      lr.push(rate);
      [x, y] = [Math.fround(x - rate * x), Math.fround(y - rate * c * y)];
    }
    return { loss: Float32Array.from(loss), lr: Float64Array.from(lr), diverged_at: null };
  },
});

describe('findLR', () => {
  it("grows the rate as fastai's LRFinder and smooths the loss as its Recorder", () => {
    const r = findLR(quadraticCore(10), P('v=1&problem=quadratic'));
    assert.ok(Math.abs(r.lrs[0] - 1e-7) < 1e-20);
    assert.ok(Math.abs(r.lrs[50] / (1e-7 * 1e8 ** 0.5) - 1) < 1e-12, String(r.lrs[50]));
    assert.ok(Math.abs(r.losses[0] / r.raw[0] - 1) < 1e-12); // the debiased EMA starts at the first loss
    const i = r.stopped_at;
    assert.ok(i !== null && r.losses[i] > 4 * Math.min(...r.losses.slice(0, i)));
    assert.equal(r.lrs.length, i + 1);
    assert.equal(r.preset.sched, 'exp');
    assert.match(r.note, /replaced/);
  });

  it('suggests valley, steep and slide inside the stable range (0, 2/c) on a quadratic with sgd', () => {
    const { suggestions } = findLR(quadraticCore(10), P('v=1&problem=quadratic'));
    for (const name of ['valley', 'steep', 'slide']) assert.ok(suggestions[name] > 0 && suggestions[name] < 0.2, `${name}: ${suggestions[name]}`);
    // minimum/10 does not: the smoothed loss (beta 0.98 lags ~50 steps) is lowest
    // near the end of the test, at a rate far past 2/c, as fastai's would be
    assert.ok(suggestions.minimum > 0.2);
  });

  it('on the real core: valley inside (0, 2/10) on quadratic cond 10, and the CLI agrees', () => {
    const found = findLR(core, P('v=1&problem=quadratic'));
    const { suggestions } = found;
    assert.ok(suggestions.valley > 0 && suggestions.valley < 0.2, String(suggestions.valley));
    const r = cli(['find', 'v=1&problem=quadratic']);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout).suggestions, JSON.parse(JSON.stringify(suggestions)));
  });

  it("applies fastai's rules as written on small curves", () => {
    const lrs = [1, 2, 4, 8, 16, 32, 64];
    const y = [5, 4, 6, 3, 2, 1, 9];
    // longest decreasing run 5,4,3,2,1 ends at 5, max_start taken at 5 - 5 = 0 (fastai's quirk)
    assert.deepEqual(valley(lrs, y), { lr: 2, point: [2, 4] });
    assert.deepEqual(minimum(lrs, y), { lr: 3.2, point: [32, 1] });
    assert.deepEqual(steep(lrs, y), { lr: 4, point: [4, 6] });
    assert.equal(slide(lrs, y), null); // fastai needs more than lr_diff (15) points
    const long = Array.from({ length: 40 }, (_, i) => (i < 30 ? 10 - 0.3 * i : 1 + (i - 30) ** 2));
    const x = long.map((_, i) => 10 ** (i / 10));
    // the window (l, r) = (24, 39) slides left while its ends' gradients differ
    // by more than 0.005; they agree from r = 29 (-0.3 at both), so the last
    // window moved past has l = 15
    assert.equal(slide(x, long).lr, x[15]);
    // lr_find's slice: [num//10 : -5], cut before the first non-finite loss
    const s = suggest(x, long.map((v, i) => (i === 30 ? NaN : v)), 40);
    assert.equal(s.suggestions.minimum, x[29] / 10);
  });
});

describe('sweepLR', () => {
  for (const c of [3, 10, 100]) {
    it(`shows sgd's divergence boundary at 2/c on quadratic cond ${c}`, () => {
      const res = sweepLR(core, P(`v=1&problem=quadratic&cond=${c}`), { from: 0.1 / c, to: 10 / c, count: 40 });
      assert.equal(res.length, 40);
      const converged = res.filter((r) => r.diverged_at === null).map((r) => r.lr);
      const diverged = res.filter((r) => r.diverged_at !== null).map((r) => r.lr);
      assert.ok(Math.max(...converged) < 2 / c && 2 / c <= Math.min(...diverged),
        `converges up to ${Math.max(...converged)}, diverges from ${Math.min(...diverged)}, 2/c = ${2 / c}`);
    });
  }

  it('reports each run: final and best loss, the curve in <= 200 points, the fingerprint', () => {
    const p = P('v=1&problem=quadratic&steps=500');
    const [r] = sweepLR(core, p, { from: 0.05, to: 0.05, count: 1 });
    const full = core.run({ ...p, lr: 0.05 });
    assert.equal(r.fingerprint, full.fingerprint);
    assert.equal(r.final_loss, loss32(full.loss[500])); // the float32, as `run` writes it
    assert.equal(Math.fround(r.final_loss), full.loss[500]);
    assert.equal(r.loss.length, 200);
    assert.deepEqual([r.loss_step[0], r.loss_step[199]], [0, 500]);
    assert.equal(r.best_loss, loss32(Math.min(...full.loss)));
  });

  it('sweepParallel gives the results of the sequential sweep, in order', async () => {
    const presets = sweepPresets(P('v=1&problem=mlp&steps=100'), { from: 1e-3, to: 10, count: 6 });
    const seq = presets.map((p) => sweepLR(core, p, { from: p.lr, to: p.lr, count: 1 })[0]);
    assert.deepEqual(await sweepParallel(presets, { workers: 3 }), seq);
    assert.deepEqual(await sweepParallel(sweepPresets(P('v=1')), { workers: 2 }), sweepLR(core, P('v=1')));
  });
});

describe('tune', () => {
  const finalLoss = (p) => {
    const r = core.run(p);
    return r.diverged_at === null ? loss32(r.loss[r.loss.length - 1]) : Infinity;
  };
  for (const problem of [...SURFACES, 'mlp']) {
    it(`beats the default rate on ${problem}${problem === 'mlp' ? ' (moons)' : ''}`, () => {
      const p = P(`v=1&problem=${problem}`);
      const base = finalLoss(p);
      for (const method of ['random', 'halving']) {
        const { best, history } = tune(core, p, { trials: problem === 'mlp' ? 9 : 16, method, objective: 'final' });
        // himmelblau at the default rate already ends at exactly 0 in float32
        assert.ok(base === 0 ? best.loss === 0 : best.loss < base, `${method}: ${best.loss} vs ${base}`);
        assert.equal(best.loss, finalLoss(P(best.preset)));
        // the search's best, or a worse one whose neighbours hold (web/pick.js)
        assert.ok(history.at(-1).best_so_far <= best.loss);
      }
    });
  }

  it('is deterministic from the seed and searches the other settings', () => {
    const p = P('v=1&problem=mlp&opt=adam&steps=100');
    const opts = { trials: 9, method: 'halving', search: ['lr', 'b1', 'b2', 'momentum', 'sched'], objective: 'heldout' };
    const a = tune(core, p, opts), b = tune(core, p, opts);
    assert.deepEqual(asJSON(a), asJSON(b));
    assert.deepEqual(a.ignored, ['momentum']);
    assert.deepEqual(a.history.map((h) => h.budget), [...Array(9).fill(11), 33, 33, 33, 100]);
    assert.deepEqual(Object.keys(a.best.settings), ['lr', 'b1', 'b2', 'sched']);
    assert.notDeepEqual(tune(core, p, { ...opts, seed: 2 }).best.settings, a.best.settings);
  });
});

describe('CLI', () => {
  it('sweep prints the library sweep as JSON, in worker threads', () => {
    const r = cli(['sweep', 'v=1&problem=quadratic', '--lrs', '0.01:1:8', '--workers', '2']);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.preset, 'v=1&problem=quadratic');
    assert.deepEqual(out.results, asJSON(sweepLR(core, P('v=1&problem=quadratic'), { from: 0.01, to: 1, count: 8 })));
    assert.equal(JSON.parse(cli(['sweep', 'v=1']).stdout).results.length, 24);
  });

  it('tune prints the library result as JSON', () => {
    const r = cli(['tune', 'v=1&problem=beale', '--trials', '9', '--method', 'halving', '--seed', '7']);
    assert.equal(r.status, 0, r.stderr);
    const lib = tune(core, P('v=1&problem=beale'), { trials: 9, method: 'halving', seed: 7 });
    const out = JSON.parse(r.stdout);
    assert.deepEqual(out.history, asJSON(lib.history));
    assert.equal(out.best.loss, lib.best.loss);
    assert.equal(out.best.preset, lib.best.preset);
    assert.equal(out.best.fingerprint, lib.best.fingerprint);
  });

  it('prints tables with --format table', () => {
    const r = cli(['sweep', 'v=1', '--lrs', '1e-3:1e-2:3', '--format', 'table']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^pick +lr +final_loss +best_loss +diverged_at +fingerprint\nbest  /);
    assert.equal(r.stdout.split('\n\n')[0].trim().split('\n').length, 4);
    assert.match(r.stdout, /\n\nbest: lr [\d.e-]+, final loss [\d.e-]+, neighbours hold .*: v=1&lr=/);
    assert.match(cli(['tune', 'v=1', '--trials', '3', '--format=table']).stdout, /^best: trial \d+, lr=[\d.e-]+\nbest: lr /);
  });

  it('exits 2 with "lr-playground: <key>: <reason>" on bad options', () => {
    const bad = [
      [['sweep', 'v=1', '--lrs', '1:2'], '--lrs'], [['sweep', 'v=1', '--lrs', '0:1:3'], '--lrs'],
      [['sweep', 'v=1', '--lrs', '2:1:3'], '--lrs'], [['sweep', 'v=1', '--lrs', '1e-3:1:x'], '--lrs'],
      [['sweep', 'v=1', '--workers', '0'], '--workers'], [['sweep', 'v=1', '--trials', '3'], '--trials'],
      [['tune', 'v=1', '--trials', '0'], '--trials'], [['tune', 'v=1', '--trials', '2.5'], '--trials'],
      [['tune', 'v=1', '--method', 'grid'], '--method'], [['tune', 'v=1', '--search', 'lr,foo'], '--search'],
      [['tune', 'v=1', '--objective', 'heldout'], '--objective'], [['tune', 'v=1', '--seed', '-1'], '--seed'],
      [['tune', 'v=1', '--trials'], '--trials'], [['find', 'v=1', '--format', 'csv'], '--format'],
      [['sweep', 'v=1&lr=0'], 'lr'], [['tune'], 'preset'],
    ];
    for (const [args, key] of bad) {
      const r = cli(args);
      assert.equal(r.status, 2, args.join(' '));
      assert.equal(r.stdout, '');
      assert.ok(r.stderr.startsWith(`lr-playground: ${key}: `), `${args.join(' ')}: ${r.stderr}`);
    }
  });

  it('lists the new commands in --help', () => {
    const help = cli(['--help']).stdout;
    for (const cmd of ['find PRESET', 'sweep PRESET [--lrs FROM:TO:COUNT]', 'tune PRESET [--trials N]']) assert.ok(help.includes(cmd), cmd);
  });
});
