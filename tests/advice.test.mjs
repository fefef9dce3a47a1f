// Advice that holds when acted on (web/pick.js, web/advice.js): every rate
// a tool reports is short (the rate shown is the rate that ran), every pick
// is a preset whose `lr-playground run` prints the very loss and fingerprint
// the tool reported, the sweep's and tuning's picks keep converging at ×0.8
// and ×1.25, a better but fragile rate is said to be fragile, and one
// recommendation reads all the tools together.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { before, describe, it } from 'node:test';
import { loadCore } from '../web/core.js';
import { parse } from '../web/preset.js';
import { SURFACE_MIN, brief } from '../web/story.js';
import { advise } from '../web/advice.js';
import { NEIGHBOURS, findLR, holds, outsideRange, score, sweep, sweepRates, tune } from '../web/tools.js';

const CLI = new URL('../web/cli.mjs', import.meta.url).pathname;
const cliJSON = (...args) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
};
const P = (text) => parse(text, { strict: true }).preset;
// Significant digits of x as its shortest text writes it.
const digits = (x) => x.toExponential().replace(/e.*$/, '').replace(/[-.]/g, '').replace(/^0+/, '').length;

const SURFACES = ['quadratic', 'rosenbrock', 'beale', 'himmelblau', 'saddle', 'wells'];
const DATA = ['v=1&problem=mlp&opt=adam&steps=300', 'v=1&problem=logreg&data=circles&steps=300', 'v=1&problem=linreg&data=sine&steps=300'];
const PRESETS = [...SURFACES.map((s) => `v=1&problem=${s}`), ...DATA];

let core;
before(async () => { core = await loadCore(); });

describe('short rates', () => {
  it('the sweep draws its rates from short decimals, still log-spaced and distinct', () => {
    const rates = sweepRates({});
    assert.equal(rates.length, 24);
    assert.deepEqual([rates[0], rates.at(-1)], [1e-5, 10]);
    assert.ok(rates.every((x) => digits(x) <= 2), rates.join(' '));
    for (let k = 1; k < 24; k++) assert.ok(rates[k] / rates[k - 1] > 1.6 && rates[k] / rates[k - 1] < 2.1, `${rates[k - 1]} → ${rates[k]}`);
    // a denser grid takes a digit more only where two digits would collide
    const dense = sweepRates({ from: 0.1, to: 0.2, count: 30 });
    assert.equal(new Set(dense).size, 30);
    assert.ok(dense.every((x) => digits(x) <= 3), dense.join(' '));
  });

  it('tuning draws short settings: rates to two digits, b1 and b2 with 1 - b to two', () => {
    const r = tune(core, P('v=1&problem=beale&opt=adam&steps=100'), { trials: 12, search: ['lr', 'b1', 'b2'] });
    for (const { settings: s } of r.history) {
      assert.ok(digits(s.lr) <= 2, `lr ${s.lr}`);
      for (const k of ['b1', 'b2']) assert.ok(digits(Number((1 - s[k]).toPrecision(12))) <= 2 && s[k] < 1, `${k} ${s[k]}`);
    }
  });
});

describe('every pick is a preset that reproduces what the tool reported', () => {
  for (const text of PRESETS) {
    it(`${text}: the sweep's, tuning's and the range test's picks, run by the CLI`, () => {
      const p = P(text);
      const s = sweep(core, p, { count: 12 });
      const t = tune(core, p, { trials: 9, method: 'halving' });
      const f = findLR(core, p);
      const picks = [['sweep', s.best], ['tune', t.best], ...Object.entries(f.picks).map(([k, v]) => [`find ${k}`, v])];
      for (const [tool, pick] of picks) {
        assert.ok(pick, `${tool}: a pick`);
        assert.ok(digits(pick.lr) <= 2, `${tool}: lr ${pick.lr}`);
        assert.equal(P(pick.preset).lr, pick.lr, `${tool}: the link holds the rate shown`);
        const run = cliJSON('run', pick.preset);
        assert.equal(run.fingerprint, pick.fingerprint, `${tool}: fingerprint`);
        assert.equal(run.loss.at(-1), pick.final_loss, `${tool}: final loss`);
        if (pick.heldout_loss !== null) assert.equal(run.eval.test_loss.at(-1), pick.heldout_loss, `${tool}: held-out loss`);
      }
      // tuning's loss is its full re-run's, under the problem's objective
      assert.equal(t.objective, SURFACES.includes(p.problem) ? 'final' : 'heldout');
      assert.equal(t.best.loss, score(t.best, t.objective));
    });
  }

  it('the CLI\'s sweep and tune JSON carry the same best as the library', () => {
    const text = 'v=1&problem=rosenbrock&opt=adam&steps=300';
    const out = cliJSON('sweep', text, '--lrs', '1e-4:1:9');
    const lib = sweep(core, P(text), { from: 1e-4, to: 1, count: 9 });
    assert.deepEqual(out.best, JSON.parse(JSON.stringify(lib.best)));
    assert.equal(cliJSON('run', out.best.preset).loss.at(-1), out.best.final_loss);
    const tuned = cliJSON('tune', DATA[0], '--trials', '9');
    assert.equal(tuned.objective, 'heldout');
    assert.equal(cliJSON('run', tuned.best.preset).eval.test_loss.at(-1), tuned.best.loss);
    assert.equal(cliJSON('tune', DATA[0], '--trials', '9', '--objective', 'final').objective, 'final');
  });
});

describe('robust picks', () => {
  for (const text of PRESETS) {
    it(`${text}: the sweep's pick keeps converging at ×0.8 and ×1.25`, () => {
      const p = P(text);
      const { best, objective } = sweep(core, p);
      assert.equal(best.robust, true);
      assert.deepEqual(best.neighbours.map((n) => n.factor), [...NEIGHBOURS]);
      for (const n of best.neighbours) {
        const run = core.run(P(n.preset));
        assert.equal(run.diverged_at, null, `lr ${n.lr} diverges`);
        assert.ok(Math.abs(n.lr / (best.lr * n.factor) - 1) < 0.06, `neighbour ${n.lr} of ${best.lr}`);
        assert.ok(holds(n, best, objective, SURFACE_MIN[p.problem] ?? 0), `lr ${n.lr} ends far from lr ${best.lr}`);
      }
    });
  }

  it('a better rate whose neighbour fails is reported as fragile, with that neighbour', () => {
    // wells: the lowest losses reach the deep well only at some rates
    const p = P('v=1&problem=wells');
    const { best, fragile, objective } = sweep(core, p);
    assert.ok(fragile.length > 0);
    for (const f of fragile) {
      assert.ok(score(f, objective) <= score(best, objective), 'fragile rates are the better ones passed over');
      const n = core.run(P(f.neighbour.preset));
      assert.equal(n.fingerprint, f.neighbour.fingerprint);
      assert.ok(!holds(f.neighbour, f, objective, SURFACE_MIN.wells));
    }
  });
});

describe('a pick at the end of the range swept', () => {
  it('logreg: the best of 0.1, 1 and 10 is 10, its ×1.25 ends lower: the best rate may lie above, and a wider sweep finds it', () => {
    const p = P('v=1&problem=logreg');
    const r = sweep(core, p, { from: 0.1, to: 10, count: 3 });
    assert.equal(r.best.lr, 10);
    assert.equal(r.outside.side, 'above');
    assert.equal(r.outside.neighbour.factor, 1.25);
    assert.ok(score(r.outside.neighbour, r.objective) < score(r.best, r.objective));
    const reason = advise(p, { sweep: r }).reason;
    assert.match(reason, /×1\.25 \(lr 13\) ends at held-out loss [\d.e-]+\. It is the largest rate the sweep ran, and ×1\.25 ends lower still: the best rate may lie above 10\.$/);
    // acted on: a sweep above 10 finds a lower held-out loss
    const wider = sweep(core, p, { from: 1, to: 100, count: 12 });
    assert.ok(wider.best.lr > 10 && score(wider.best, wider.objective) < score(r.best, r.objective), `${wider.best.lr}`);
    // the CLI says it, and the wider range to try
    const out = spawnSync(process.execPath, [CLI, 'sweep', 'v=1&problem=logreg', '--lrs', '0.1:10:3', '--format', 'table'], { encoding: 'utf8' });
    assert.match(out.stdout, /\noutside: It is the largest rate the sweep ran, .*may lie above 10\. Try --lrs 1:100:12\n$/);
    assert.deepEqual(cliJSON('sweep', 'v=1&problem=logreg', '--lrs', '0.1:10:3').outside, JSON.parse(JSON.stringify(r.outside)));
  });

  it('says nothing where the pick is inside the range, or its neighbour beyond is no better', () => {
    const summary = (lr, loss) => ({ lr, final_loss: loss, heldout_loss: null, diverged_at: null, preset: `v=1&lr=${lr}` });
    const results = [summary(0.1, 3), summary(1, 2), summary(10, 1)];
    const best = (lr, beyond, factor = 1.25) => ({ ...summary(lr, 1), robust: true, neighbours: [{ factor, ...summary(lr * factor, beyond) }] });
    assert.equal(outsideRange(results, best(10, 1.5), 'final'), null); // worse beyond
    assert.equal(outsideRange(results, best(1, 0.5), 'final'), null); // inside the range
    assert.equal(outsideRange(results, { ...best(10, 0.5), robust: false }, 'final'), null); // not checked
    assert.equal(outsideRange(results, best(0.1, 0.5, 0.8), 'final').side, 'below');
    assert.equal(outsideRange(results, best(0.1, 0.5, 1.25), 'final'), null); // its better neighbour is inside
    // a sweep in the middle of its range (quadratic cond 10: 0.15 of 1e-5..10)
    const q = sweep(core, P('v=1&problem=quadratic&cond=10'));
    assert.equal(q.outside, null);
    assert.doesNotMatch(advise(P('v=1&problem=quadratic&cond=10'), { sweep: q }).reason, /may lie/);
  });

  it('says "the one rate" where the sweep ran one rate above 2/λmax, not "1 of the sweep\'s 1 rates"', () => {
    const p = P('v=1&problem=logreg');
    const r = sweep(core, p);
    const text = advise(p, { sweep: r, edge: 7.95 }).others.find((o) => o.tool === '2/λmax').text;
    assert.match(text, / The one rate the sweep ran above it \(lr 10\) still converges: the curvature changes along the path/);
  });
});

describe('one recommendation', () => {
  const tools = (text) => {
    const p = P(text);
    return [p, { find: findLR(core, p), sweep: sweep(core, p), tune: tune(core, p, { trials: 16, method: 'halving' }) }];
  };

  it('recommends a robust whole-run pick, and says why the range test and 2/λmax differ', () => {
    const [p, r] = tools('v=1&problem=rosenbrock');
    const a = advise(p, { ...r, edge: 9.56e-4 });
    const better = score(r.tune.best, 'final') < score(r.sweep.best, 'final') ? r.tune.best : r.sweep.best;
    assert.equal(a.pick.preset, better.preset);
    assert.equal(a.pick.robust, true);
    assert.ok(a.reason.startsWith(`lr ${brief(better.lr)} ends at `), a.reason);
    const tool = Object.fromEntries(a.others.map((o) => [o.tool, o.text]));
    assert.match(tool['range test'], /within one 100-step run/);
    // the sweep's 0.0012 converges above 9.56e-4: the bound holds at the start only
    assert.match(tool['2/λmax'], /^2\/λmax at the start is 9\.56e-4: .* [1-9]\d* of the sweep's \d+ rates above it still converge .*holds at the start only/);
  });

  it('on a quadratic, where 2/λmax bounds every step, says the sweep bears it out', () => {
    const p = P('v=1&problem=quadratic&cond=10');
    const a = advise(p, { sweep: sweep(core, p), edge: 0.2 });
    assert.match(a.others.find((o) => o.tool === '2/λmax').text, /Every rate the sweep ran above it diverges, as the bound says\.$/);
    assert.ok(a.pick.lr < 0.2);
  });

  it('says when no rate gets near the surface\'s lowest loss (saddle: stuck at 0, the minimum is -0.25)', () => {
    const at = (text) => {
      const p = P(text);
      return advise(p, { sweep: sweep(core, p) }).reason;
    };
    assert.match(at('v=1&problem=saddle'), /No rate the sweep ran gets near this surface's lowest loss \(-0\.25\) in 200 steps\.$/);
    assert.doesNotMatch(at('v=1&problem=wells'), /No rate/); // the fragile rates reach the deep well
    assert.doesNotMatch(at('v=1&problem=quadratic'), /No rate/);
  });

  it('without the sweep or tuning, recommends the range test\'s valley and asks for the sweep', () => {
    const p = P('v=1&problem=quadratic&cond=10');
    const find = findLR(core, p);
    const a = advise(p, { find });
    assert.equal(a.pick.source, 'range test');
    assert.equal(a.pick.preset, find.picks.valley.preset);
    assert.match(a.reason, /Run the sweep/);
    assert.equal(advise(p, {}), null);
  });

  it('2/λmax is named for what it bounds: not adam, the heavy ball for momentum', () => {
    const find = findLR(core, P('v=1&problem=quadratic&cond=10'));
    const text = (q) => advise(P(q), { find, edge: 0.2 }).others.find((o) => o.tool === '2/λmax').text;
    assert.match(text('v=1&problem=quadratic&cond=10&opt=adam'), /plain gradient descent only/);
    assert.match(text('v=1&problem=quadratic&cond=10&opt=momentum&momentum=0.9'), /2\(1 \+ momentum\)\/λmax = 0\.38/);
    assert.match(text('v=1&problem=quadratic&cond=10&sched=cosine'), /cosine schedule changes the rate/);
  });
});
