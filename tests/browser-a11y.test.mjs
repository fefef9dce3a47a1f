// Accessibility in Chromium (WCAG 2.1 AA, for the universities that embed
// the page): axe-core finds no serious or critical violation on any view
// (the page, a data problem, the tools after each ran, the Embed dialog,
// both embeds, a phone); every chart says in words what it shows, after the
// run on screen, and a run's outcome is said politely when it ends; the
// keyboard reaches every control, each visibly focused; the pictures carry
// meaning by line style and shape beside colour; at 200% zoom nothing
// scrolls sideways; under reduced motion nothing moves on its own.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import { loadCore } from '../web/core.js';
import { parse } from '../web/preset.js';
import { brief } from '../web/story.js';
import { inBrowser, newPage, open } from './lib/browser.mjs';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const ARTIFACTS = new URL('../test-artifacts/', import.meta.url).pathname;
const DESKTOP = { width: 1280, height: 800 }, PHONE = { width: 360, height: 740 };
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const core = await loadCore();
const runOf = (hash) => core.run(parse(hash).preset);

// axe-core on the page as it is; fails on any serious or critical
// violation, listing every violation found (moderate and minor too).
async function scan(page, what) {
  if (!await page.evaluate(() => 'axe' in window)) await page.addScriptTag({ path: AXE });
  const found = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })
    .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary}`) }))), TAGS);
  const text = found.map((v) => `[${v.impact}] ${v.id}: ${v.help}\n    ${v.nodes.join('\n    ')}`).join('\n  ');
  assert.ok(!found.some((v) => v.impact === 'serious' || v.impact === 'critical'), `${what}: axe-core found\n  ${text}`);
  if (found.length) console.log(`# ${what}: axe-core, below serious:\n  ${text}`);
}

const label = (page, id) => page.getAttribute(`#${id}`, 'aria-label');
const waitPlots = (page) => page.waitForFunction(() => document.getElementById('path-plot').dataset.run, null, { timeout: 60000 });

describe('accessibility (Chromium, axe-core, WCAG 2.1 AA)', { timeout: 600000 }, () => {
  const env = inBrowser({ artifacts: ARTIFACTS });

  it('axe-core: the page, its Embed dialog, a data problem, both embeds and a phone', async () => {
    const views = [['', DESKTOP], ['#v=1&problem=mlp', DESKTOP], ['#v=1&problem=quadratic&lr=0.1&embed=1&ui=lr', DESKTOP],
      ['#v=1&problem=quadratic&lr=0.1&embed=figure', DESKTOP], ['', PHONE]];
    for (const [hash, viewport] of views) {
      const what = `${hash || 'the page'} at ${viewport.width}x${viewport.height}`;
      const { page, context, problems } = await open(env.browser, env.server.url + hash, viewport);
      await waitPlots(page);
      if (hash.includes('mlp')) await page.waitForFunction(() => document.getElementById('model-plot').dataset.run);
      await scan(page, what);
      if (!hash && viewport === DESKTOP) {
        await page.click('#embed');
        await page.waitForFunction(() => document.getElementById('embed-dialog')?.open);
        await scan(page, 'the Embed dialog');
      }
      assert.deepEqual(problems, []);
      await context.close();
    }
  });

  it('axe-core: the learning-rate tools after each one ran', async () => {
    const { page, context, problems } = await open(env.browser, `${env.server.url}#v=1&problem=quadratic&cond=10&opt=sgd`, DESKTOP);
    for (const [tool, card] of [['#tool-find', '#find-card'], ['#tool-sweep', '#sweep-card'], ['#tool-tune', '#tune-card'], ['#tool-edge', '#edge-card']]) {
      await page.click(tool);
      await page.waitForFunction(() => !document.getElementById('tool-sweep').disabled && document.getElementById('sweep-progress').hidden &&
        document.getElementById('tool-cancel').hidden, null, { timeout: 120000 });
      assert.ok(await page.isVisible(card), `${tool}: ${card} not shown`);
      await scan(page, `the tools after ${tool}`);
    }
    await page.locator('#tools').screenshot({ path: `${ARTIFACTS}a11y-tools.png` });
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('says what each chart shows, after the run, and the outcome when a run ends', async () => {
    const hash = 'v=1&problem=quadratic&lr=0.1&sched=cosine&warmup=20';
    const { page, context, problems } = await open(env.browser, `${env.server.url}#${hash}`, DESKTOP);
    const run = runOf(hash), n = run.loss.length - 1;
    await waitPlots(page);
    // the loss chart's name (its accessible name, as a screen reader reads it)
    const fell = `The loss fell from ${brief(run.loss[0])} to ${brief(run.loss[n])} in ${n} steps`;
    assert.equal(await page.getByRole('img', { name: `Loss per step. ${fell}.`, exact: true }).count(), 1, await label(page, 'loss-chart'));
    assert.match(await label(page, 'lr-chart'), new RegExp(`^Learning rate per step: ${brief(run.lr[0])} at step 0, highest 0\\.1 at step 19, .* at step ${n - 1}\\.$`));
    assert.match(await label(page, 'path-plot'), new RegExp(`from \\(-4, 2\\) to \\(.*\\) in ${n} steps\\. Minimum at \\(0, 0\\)\\.$`));
    await page.waitForFunction(() => document.getElementById('announce').textContent);
    const said = await page.textContent('#announce');
    assert.ok(said.includes(fell), said);
    assert.equal(await page.getAttribute('#announce', 'aria-live'), 'polite');
    // a diverging run: the step where it diverged, on each picture and said
    await page.fill('#key-lr', '5');
    await page.press('#key-lr', 'Enter');
    const bad = runOf('v=1&problem=quadratic&lr=5&sched=cosine&warmup=20');
    assert.ok(bad.diverged_at > 0);
    await page.waitForFunction((s) => document.getElementById('announce').textContent !== s, said);
    assert.match(await page.textContent('#announce'), new RegExp(`the run diverged\\. The loss passed 1e10 at step ${bad.diverged_at}:`));
    assert.match(await label(page, 'loss-chart'), new RegExp(`^Loss per step\\. Diverged at step ${bad.diverged_at}: the loss passed 1e10, from ${brief(bad.loss[0])} at step 0\\.`));
    assert.match(await label(page, 'path-plot'), new RegExp(`it diverged at step ${bad.diverged_at}`));
    // at a step, the path says where it stops
    await page.goto(`${env.server.url}#${hash}&t=50`);
    await page.waitForFunction(() => / shown up to step 50, at /.test(document.getElementById('path-plot').getAttribute('aria-label')));
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('says what a data problem\'s charts show: its loss, held-out loss and decision map', async () => {
    const hash = 'v=1&problem=mlp&data=moons&opt=adam&lr=0.02&steps=300';
    const { page, context, problems } = await open(env.browser, `${env.server.url}#${hash}`, DESKTOP);
    await page.waitForFunction(() => document.getElementById('model-plot').dataset.run);
    const run = runOf(hash), n = run.loss.length - 1;
    const loss = await label(page, 'loss-chart');
    assert.ok(loss.includes(`from ${brief(run.loss[0])} to ${brief(run.loss[n])} in ${n} steps`), loss);
    assert.ok(loss.includes(`the held-out loss, ending at ${brief(run.test_loss.at(-1))}`), loss);
    assert.match(await label(page, 'model-plot'), new RegExp(`^Decision map of the model at the end of the run.*blue circles \\(class 0\\) and orange squares \\(class 1\\).*Held-out accuracy ${(100 * run.test_acc.at(-1)).toFixed(1)}%\\.$`));
    assert.match(await label(page, 'path-plot'), new RegExp(`^Path of the weights over the training loss.*from loss ${brief(run.loss[0])} to loss ${brief(run.loss[n])} in ${n} steps\\.$`));
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('reaches every control of the page with Tab, each with a visible focus indicator', async () => {
    const { page, context, problems } = await open(env.browser, env.server.url, DESKTOP);
    await page.waitForFunction(() => document.getElementById('play').getAttribute('aria-label') === 'Play' && !document.getElementById('play').disabled, null, { timeout: 20000 });
    // the controls a reader can use: visible, enabled buttons, fields, links
    const controls = await page.evaluate(() => {
      const all = [...document.querySelectorAll('button, input, select, textarea, a[href]')]
        .filter((e) => !e.disabled && e.checkVisibility({ visibilityProperty: true }) && e.getClientRects().length);
      all.forEach((e, i) => { e.dataset.a11y = String(i); });
      return all.map((e) => `${e.tagName.toLowerCase()}#${e.id || e.textContent.trim().slice(0, 30)}`);
    });
    assert.ok(controls.length > 40, `only ${controls.length} controls`);
    const reached = new Map();
    for (let i = 0; i < 3 * controls.length; i++) {
      await page.keyboard.press('Tab');
      const f = await page.evaluate(() => {
        const e = document.activeElement, s = getComputedStyle(e);
        return { key: e.dataset?.a11y ?? null, style: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor} | ${s.boxShadow}` };
      });
      if (f.key === null) continue;
      if (reached.has(f.key)) break; // round the page once
      reached.set(f.key, f.style);
    }
    const missed = controls.filter((_, i) => !reached.has(String(i)));
    assert.deepEqual(missed, [], 'not reached with Tab');
    // each looks different focused than not
    await page.evaluate(() => document.activeElement.blur());
    const rest = await page.evaluate(() => [...document.querySelectorAll('[data-a11y]')].map((e) => {
      const s = getComputedStyle(e);
      return `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor} | ${s.boxShadow}`;
    }));
    const unseen = controls.filter((_, i) => reached.get(String(i)) === rest[i] || /^none /.test(reached.get(String(i))));
    assert.deepEqual(unseen, [], 'no visible focus indicator');
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('tells runs apart by line style and shape beside colour', async () => {
    const pin = (h) => `&pin=${encodeURIComponent(h)}`;
    const { page, context, problems } = await open(env.browser, `${env.server.url}#v=1&problem=quadratic&lr=0.05${pin('v=1&problem=quadratic&lr=0.25')}` +
      `${pin('v=1&problem=quadratic&lr=0.01')}${pin('v=1&problem=quadratic&lr=0.02')}`, DESKTOP);
    await page.waitForFunction(() => window.Chart?.getChart('loss-chart')?.data.datasets.length === 4);
    const dashes = await page.evaluate(() => window.Chart.getChart('loss-chart').data.datasets.map((d) => JSON.stringify(d.borderDash ?? [])));
    assert.equal(dashes[0], '[]', 'the current run is solid');
    assert.equal(new Set(dashes).size, dashes.length, `two runs share a line style: ${dashes}`);
    assert.match(await label(page, 'loss-chart'), /Pinned runs, dashed: .*lr 0\.25 diverged/);
    await context.close();
    // a data problem's classes: a circle and a square, named in the legend
    const data = await open(env.browser, `${env.server.url}#v=1&problem=logreg&data=moons`, DESKTOP);
    await data.page.waitForFunction(() => document.getElementById('model-plot').dataset.run);
    assert.match(await data.page.textContent('#model-legend'), /^● class 0, ■ class 1;/);
    assert.deepEqual([...problems, ...data.problems], []);
    await data.context.close();
  });

  it('at 200% zoom (640x400 CSS px): no sideways scroll, the rate and the loss chart at hand', async () => {
    const { page, context, problems } = await open(env.browser, env.server.url, { width: 640, height: 400 });
    await waitPlots(page);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), 'the page scrolls sideways');
    await page.evaluate(() => document.getElementById('loss-chart').scrollIntoView({ block: 'end' }));
    // nothing covers them where they are (the rate's bar stays at the top)
    const onTop = (id) => page.evaluate((i) => {
      const e = document.getElementById(i), r = e.getBoundingClientRect();
      const x = r.left + r.width / 2, y = r.top + r.height / 2;
      return r.width > 0 && y >= 0 && y <= innerHeight && e.contains(document.elementFromPoint(x, y));
    }, id);
    assert.ok(await onTop('loss-chart'), 'the loss chart is not in view');
    assert.ok(await onTop('lr-slider'), 'the rate is not at hand beside the loss chart');
    await page.screenshot({ path: `${ARTIFACTS}a11y-zoom-200.png` });
    await page.focus('#lr-slider');
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => document.getElementById('key-lr').value !== '0.05');
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('under prefers-reduced-motion: no CSS animation or transition, no autoplay', async () => {
    const { page, context, problems } = await newPage(env.browser, { viewport: DESKTOP });
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto(env.server.url); // the first lesson, which plays once otherwise
    await page.waitForFunction(() => /^[0-9a-f]{16}$/.test(document.getElementById('fingerprint').textContent));
    await page.hover('#pin');
    await page.focus('#copy-link');
    await page.waitForTimeout(300);
    const moving = await page.evaluate(() => ({
      t: window.lrpPage.t, playing: document.getElementById('play').getAttribute('aria-label') === 'Pause',
      animations: document.getAnimations().length,
      styled: [...document.querySelectorAll('*')].filter((e) => {
        const s = getComputedStyle(e);
        return s.animationName !== 'none' || s.transitionDuration.split(',').some((d) => parseFloat(d) > 0);
      }).map((e) => e.id || e.className),
    }));
    assert.deepEqual(moving, { t: null, playing: false, animations: 0, styled: [] });
    assert.deepEqual(problems, []);
    await context.close();
  });
});
