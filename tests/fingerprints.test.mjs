// The reproducibility promise (PRESET.md): a version-1 preset gives the same
// run, to the bit, in Node (SIMD and scalar builds), in Chromium and through
// the CLI, today and in every later release. tests/fingerprints.json pins
// the fingerprint, the divergence step, the steps done and the final loss of
// every preset in it; this test only reads it (tests/lib/fingerprints.mjs
// writes it, for new presets only). It also holds the table to covering
// every problem, data set, optimizer, schedule and key of web/preset.js, so
// a new one cannot ship without a pinned run. About 3 s, most of it Chromium.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { loadCore } from '../web/core.js';
import { DATA_PROBLEMS, ENUMS, KEYS, SURFACES, canonicalize, parse, toJSON } from '../web/preset.js';
import { summarize } from './lib/fingerprints.mjs';
import { launch, newPage, serve } from './lib/browser.mjs';
import { FIELDS, PROMISE, TABLE, assertPinned, pinnedInPage } from './lib/pinned.mjs';

const CLI = new URL('../web/cli.mjs', import.meta.url).pathname;
const presetOf = (text) => parse(text, { strict: true }).preset;

const runAll = (core) => TABLE.map((e) => summarize(core.run(presetOf(e.preset))));

describe('the pinned table', () => {
  it('has at least 60 canonical, valid version-1 presets, each once', () => {
    assert.ok(TABLE.length >= 60, `only ${TABLE.length} pinned presets`);
    assert.equal(new Set(TABLE.map((e) => e.preset)).size, TABLE.length, 'a preset is pinned twice');
    for (const e of TABLE) {
      const { preset, issues } = parse(e.preset, { strict: true });
      assert.deepEqual(issues, [], e.preset);
      assert.equal(canonicalize(preset), e.preset, 'pinned presets are written in canonical form');
      assert.match(e.fingerprint, /^[0-9a-f]{16}$/, e.preset);
      assert.deepEqual(Object.keys(e), ['preset', ...FIELDS], e.preset);
    }
  });

  // Derived from web/preset.js: a new problem, data set, optimizer,
  // schedule, mode, activation or key needs a pinned preset.
  it('covers every enum value and every key of the preset table', () => {
    const presets = TABLE.map((e) => presetOf(e.preset));
    const missing = [];
    for (const d of KEYS.filter((k) => k.type === 'enum')) {
      const used = new Set(presets.filter((p) => d.applies(p)).map((p) => p[d.key]));
      for (const value of d.values) if (!used.has(value)) missing.push(`${d.key}=${value}`);
    }
    const mlpData = new Set(presets.filter((p) => p.problem === 'mlp').map((p) => p.data));
    for (const data of ENUMS.data) if (!mlpData.has(data)) missing.push(`problem=mlp&data=${data}`);
    // every key set away from its default somewhere (the canonical form lists exactly those)
    const set = new Set(presets.flatMap((p) => Object.keys(toJSON(p))));
    for (const d of KEYS) if (d.key !== 'v' && !set.has(d.key)) missing.push(`${d.key} (never set)`);
    assert.deepEqual(missing, [], `no pinned preset for: ${missing.join(', ')}`);
  });

  it('pins runs that diverge, on surfaces and on data, at the start and to Infinity', () => {
    const diverged = TABLE.filter((e) => e.diverged_at !== null).map((e) => ({ ...e, p: presetOf(e.preset) }));
    assert.ok(diverged.length >= 5, `${diverged.length} diverging runs`);
    assert.ok(diverged.some((e) => SURFACES.includes(e.p.problem)));
    assert.ok(diverged.some((e) => DATA_PROBLEMS.includes(e.p.problem)));
    assert.ok(diverged.some((e) => e.diverged_at === 0));
    assert.ok(diverged.some((e) => e.final_loss === 'Infinity'));
    for (const e of diverged) assert.equal(e.steps, e.diverged_at, e.preset);
    assert.ok(TABLE.some((e) => presetOf(e.preset).batch === 1), 'a batch=1 run');
  });
});

describe('every pinned preset reproduces its run', () => {
  it('in Node, SIMD build', async () => assertPinned('Node, SIMD build', runAll(await loadCore())));
  it('in Node, scalar build', async () => assertPinned('Node, scalar build', runAll(await loadCore({ scalar: true }))));

  describe('in Chromium', () => {
    let server, browser;
    before(async () => {
      server = await serve();
      browser = await launch();
    });
    after(async () => {
      await browser?.close();
      await server?.close();
    });

    // A blank page on the server's origin (not the app, whose loading is
    // not what this checks) imports the very modules the page uses.
    it('SIMD and scalar builds, imported by a page', async () => {
      const { page, context, problems } = await newPage(browser);
      await page.route(`${server.url}blank.html`, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>blank</title>' }));
      await page.goto(`${server.url}blank.html`);
      const runs = await page.evaluate(pinnedInPage, TABLE.map((e) => e.preset));
      assertPinned('Chromium, SIMD build', runs.simd);
      assertPinned('Chromium, scalar build', runs.scalar);
      assert.deepEqual(problems, []);
      await context.close();
    });
  });

  it('through the CLI (`lr-playground run PRESET --format json`)', () => {
    const picks = [
      TABLE.find((e) => e.preset === 'v=1'),
      TABLE.find((e) => e.final_loss === 'Infinity'),
      TABLE.find((e) => presetOf(e.preset).problem === 'mlp' && presetOf(e.preset).batch === 1),
      TABLE.find((e) => presetOf(e.preset).problem === 'logreg' && e.diverged_at === null),
      TABLE.find((e) => presetOf(e.preset).problem === 'linreg' && e.diverged_at !== null),
    ];
    const runs = picks.map((e) => {
      const cli = spawnSync(process.execPath, [CLI, 'run', e.preset, '--format', 'json'], { encoding: 'utf8', maxBuffer: 1 << 26 });
      assert.equal(cli.status, 0, cli.stderr);
      const out = JSON.parse(cli.stdout);
      assert.equal(out.preset, e.preset);
      return out;
    });
    const broken = picks.flatMap((e, i) => (runs[i].fingerprint === e.fingerprint && runs[i].diverged_at === e.diverged_at ? []
      : [`  #${e.preset}: fingerprint ${runs[i].fingerprint}, diverged_at ${runs[i].diverged_at}; pinned ${e.fingerprint}, ${e.diverged_at}`]));
    assert.ok(broken.length === 0, `the CLI:\n${broken.join('\n')}\n${PROMISE}`);
  });
});
