// The page in real Chromium (Debian's, via playwright-core): it loads cleanly,
// shows the same fingerprint as Node, reports divergence, follows its
// controls into the URL, shrugs off a hostile hash, fits a phone.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { loadCore } from '../web/core.js';
import { parse } from '../web/preset.js';
import { launch, open, serve } from './lib/browser.mjs';

const ARTIFACTS = new URL('../test-artifacts/', import.meta.url).pathname;
const PHONE = { width: 360, height: 740 };

describe('the page in Chromium', () => {
  let server, browser;
  before(async () => {
    server = await serve();
    browser = await launch();
    mkdirSync(ARTIFACTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('loads with no console error and shows the same fingerprint as Node', async () => {
    const { page, context, problems } = await open(browser, server.url);
    const expected = (await loadCore()).run(parse('').preset).fingerprint;
    assert.equal(await page.textContent('#fingerprint'), expected);
    await page.screenshot({ path: `${ARTIFACTS}desktop.png`, fullPage: true });
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('opens a preset link with the fingerprint the core computes for it', async () => {
    const hash = 'v=1&problem=rosenbrock&opt=adam&lr=0.02&sched=cosine&steps=300';
    const { page, context, problems } = await open(browser, `${server.url}#${hash}`);
    assert.equal(await page.textContent('#fingerprint'), (await loadCore()).run(parse(hash).preset).fingerprint);
    assert.equal(await page.isVisible('#divergence'), false);
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('says where a run diverged', async () => {
    const { page, context, problems } = await open(browser, `${server.url}#v=1&problem=quadratic&cond=100&lr=0.03&steps=100`);
    const text = await page.textContent('#divergence');
    assert.ok(await page.isVisible('#divergence'));
    assert.match(text, /step 13\b/);
    assert.match(text, /smaller learning rate/);
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('re-runs and rewrites the hash when the learning rate changes', async () => {
    const { page, context, problems } = await open(browser, `${server.url}#v=1&problem=quadratic&lr=0.05`);
    const before = await page.textContent('#fingerprint');
    await page.fill('#key-lr', '0.1');
    await page.press('#key-lr', 'Tab');
    await page.waitForFunction((fp) => document.getElementById('fingerprint').textContent !== fp, before);
    assert.match(await page.evaluate(() => location.hash), /[#&]lr=0\.1(&|$)/);
    const expected = (await loadCore()).run(parse('v=1&problem=quadratic&lr=0.1').preset).fingerprint;
    assert.equal(await page.textContent('#fingerprint'), expected);
    // the slider drives the same key
    await page.focus('#lr-slider');
    await page.keyboard.press('ArrowLeft');
    assert.notEqual(await page.evaluate(() => location.hash), '#v=1&problem=quadratic&lr=0.1');
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('sets the start point with a click on the contour plot', async () => {
    const { page, context } = await open(browser, `${server.url}#v=1&problem=quadratic`);
    const box = await page.locator('#path-plot').boundingBox();
    await page.mouse.click(box.x + box.width * 0.7, box.y + box.height * 0.3);
    const hash = await page.evaluate(() => location.hash);
    assert.match(hash, /x0=/);
    assert.match(hash, /y0=/);
    await context.close();
  });

  it('treats a hostile hash as text: a notice, the defaults, nothing injected', async () => {
    const hostile = '#v=1&lr=<script>alert(1)</script>&steps=1e309&__proto__=x&opt=<img src=x onerror=alert(1)>';
    const { page, context, problems, dialogs } = await open(browser, server.url + hostile);
    const notices = await page.textContent('#notices');
    for (const key of ['lr', 'steps', '__proto__', 'opt']) assert.ok(notices.includes(key), `notice names ${key}: ${notices}`);
    assert.equal(await page.textContent('#fingerprint'), (await loadCore()).run(parse('').preset).fingerprint);
    assert.equal(await page.locator('img').count(), 0);
    const scripts = await page.evaluate(() => [...document.scripts].map((s) => s.src || s.textContent.slice(0, 40)));
    assert.ok(scripts.every((s) => /web\/(gen\/chart\.umd\.min|app)\.js$/.test(s)), scripts.join(' | '));
    await page.waitForTimeout(100);
    assert.deepEqual(dialogs, []);
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('shows data problems: held-out loss and the decision map', async () => {
    const { page, context, problems } = await open(browser, `${server.url}#v=1&problem=mlp&data=moons&opt=adam&lr=0.02&steps=300`);
    assert.ok(await page.isVisible('#model-card'));
    assert.match(await page.textContent('#summary'), /held-out accuracy/);
    await page.screenshot({ path: `${ARTIFACTS}desktop-mlp.png`, fullPage: true });
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('fits a 360 px wide phone without horizontal scroll', async () => {
    const { page, context, problems } = await open(browser, `${server.url}#v=1&problem=quadratic&cond=100&lr=0.03&steps=100`, PHONE);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= PHONE.width, `scrollWidth ${width} > ${PHONE.width}`);
    await page.screenshot({ path: `${ARTIFACTS}phone.png`, fullPage: true });
    assert.deepEqual(problems, []);
    await context.close();
  });
});
