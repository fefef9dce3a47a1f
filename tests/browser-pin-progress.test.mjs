// Heavy pinned data runs are visible and stoppable (#16 item 2), in
// Chromium: a pin that waits shows its projected time before it starts, a
// pin that computes a bar, its step and the time left, and a Stop, in its
// row under the charts and in a line above them (an embedded figure too,
// where Unpin is hidden). Stop keeps the pin in the link and says so
// ("it stays in the link and computes again when you press Resume or reload
// the page"); Resume computes it again; the worker goes on with the next
// pin at once. The current run's Stop stops that run alone: the pins stay
// and compute after it (it used to end the worker, and with it every pin,
// which silently left the link). Screenshots go to test-artifacts/.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import { loadCore } from '../web/core.js';
import { parse } from '../web/preset.js';
import { inBrowser, newPage } from './lib/browser.mjs';

const ARTIFACTS = new URL('../test-artifacts/', import.meta.url).pathname;
const HEAVY = (lr) => `v=1&problem=mlp&n=10000&hidden=64,64,64&opt=adam&lr=${lr}&steps=1500`;
const pin = (text) => `&pin=${encodeURIComponent(text)}`;
const CURRENT = 'v=1&problem=logreg&steps=100';
const LINK = `${CURRENT}${pin(HEAVY(0.01))}${pin(HEAVY(0.001))}`;
const core = await loadCore();
const fingerprintOf = (text) => core.run(parse(text).preset).fingerprint;

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
// axe-core's WCAG 2.1 A and AA rules: no serious or critical violation.
async function axe(page, what) {
  if (!await page.evaluate(() => 'axe' in window)) await page.addScriptTag({ path: AXE });
  const found = await page.evaluate(() => window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] })
    .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) }))));
  assert.deepEqual(found.filter((v) => v.impact === 'serious' || v.impact === 'critical'), [], what);
}

const row = (page, k) => page.locator('#pins li:has(button.unpin)').nth(k - 1);
const rowState = (page, k) => row(page, k).locator('.pin-state').textContent();
const pinsInLink = (page) => page.evaluate(() => location.hash.split('&').filter((p) => p.startsWith('pin=')));

async function opened(env, hash, viewport = { width: 1280, height: 800 }) {
  const o = await newPage(env.browser, { viewport });
  await o.page.goto(`${env.server.url}#${hash}`);
  return o;
}

describe('pins that compute: progress, projected time, Stop and Resume (Chromium)', { timeout: 300000 }, () => {
  const env = inBrowser({ artifacts: ARTIFACTS });

  it('shows a queued pin\'s projected time, a computing pin\'s bar and time left; Stop keeps it in the link and says so', async () => {
    const { page, context, problems } = await opened(env, LINK);
    // the current run first, at once
    await page.waitForFunction((fp) => document.getElementById('fingerprint').textContent === fp, fingerprintOf(CURRENT), { timeout: 20000 });
    const link = await pinsInLink(page);
    assert.equal(link.length, 2);
    // pin 1 computes, pin 2 waits with its projected time
    await page.waitForFunction(() => /pin 1: step \d+ of 1500, about \d+ (s|min) left/.test(document.getElementById('pins-busy-text').textContent), null, { timeout: 30000 });
    assert.match(await rowState(page, 2), /^pin 2: queued, about \d+ (s|min)( \d+ min)? once it starts$/);
    assert.match(await page.textContent('#pins-busy-text'), /^Pinned runs computing below the charts: pin 1: step \d+ of 1500, about .+ left; pin 2: queued, about .+ once it starts\.$/);
    assert.ok(await page.isVisible('#pins-busy'), 'the line above the charts');
    // the loss chart spans the current run's 100 steps: the pins draw nothing yet
    assert.equal(await page.evaluate(() => window.Chart.getChart('loss-chart').scales.x.max), 100);
    assert.ok(await page.isVisible('#pins-stop'));
    const bar = () => row(page, 1).locator('progress').evaluate((b) => b.value);
    const first = await bar();
    await page.waitForFunction((v) => document.querySelector('#pins li:has(button.unpin) progress').value > v, first, { timeout: 30000 });
    assert.match(await rowState(page, 1), /^pin 1: step \d+ of 1500, about \d+ (s|min)( \d+ min)? left$/);
    const stop1 = row(page, 1).getByRole('button', { name: 'Stop pin 1' });
    assert.ok(await stop1.isVisible());
    await axe(page, 'pins computing');
    await page.screenshot({ path: `${ARTIFACTS}pin-computing-1280.png` });
    await page.locator('#pins').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACTS}pin-computing-1280-legend.png` });

    // Stop pin 1: it stays, in the link too, and the page says what it did
    await stop1.click();
    await page.waitForFunction(() => /stopped/.test(document.querySelector('#pins li:has(button.unpin) .pin-state').textContent));
    assert.match(await rowState(page, 1), /^pin 1: stopped at step \d+ of 1500; it stays in the link and computes again \(about .+\) when you press Resume or reload the page\.$/);
    assert.equal(await page.textContent('#pins-note'), 'Stopped pin 1: it stays in the link and computes again when you press Resume or reload the page (Resume is beside each pin, below the charts).');
    assert.deepEqual(await pinsInLink(page), link, 'Stop leaves the link as it was');
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), 'Resume pin 1', 'the focus stays on the pin');
    const stoppedAt = await rowState(page, 1);
    await axe(page, 'a pin stopped');
    // the worker goes on with pin 2 at once; pin 1 computes no more
    await page.waitForFunction(() => /pin 2: step \d+/.test(document.getElementById('pins-busy-text').textContent), null, { timeout: 10000 });
    // (its projected time follows the pace the page measures meanwhile)
    const steps = (text) => text.replace(/\(about [^)]+\)/, '(about …)');
    assert.equal(steps(await rowState(page, 1)), steps(stoppedAt));
    assert.doesNotMatch(await page.textContent('#pins-busy-text'), /pin 1/);

    // Stop pins, above the charts, stops the rest
    await page.click('#pins-stop');
    await page.waitForFunction(() => document.getElementById('pins-busy').hidden);
    assert.match(await rowState(page, 2), /^pin 2: stopped at step \d+ of 1500; it stays in the link/);
    assert.match(await page.textContent('#pins-note'), /^Stopped pin 2: it stays in the link/);
    assert.deepEqual(await pinsInLink(page), link);

    // Resume computes it again
    await row(page, 1).getByRole('button', { name: 'Resume pin 1' }).click();
    await page.waitForFunction(() => /pin 1: (queued|starting|step \d+)/.test(document.getElementById('pins-busy-text').textContent));
    assert.equal(await page.isVisible('#pins-note'), false, 'the notice goes once a pin resumes');
    assert.ok(await row(page, 1).getByRole('button', { name: 'Stop pin 1' }).isVisible());
    await page.locator('#unpin-all').click();
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('on a phone: the pin\'s row and the line above the charts fit 360 px', async () => {
    const { page, context, problems } = await opened(env, LINK, { width: 360, height: 740 });
    await page.waitForFunction(() => /pin 1: step \d+/.test(document.getElementById('pins-busy-text')?.textContent ?? ''), null, { timeout: 30000 });
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 360, 'nothing scrolls sideways');
    await page.screenshot({ path: `${ARTIFACTS}pin-computing-360.png` });
    await page.locator('#pins').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACTS}pin-computing-360-legend.png` });
    await page.click('#pins-stop');
    await page.waitForFunction(() => document.getElementById('pins-busy').hidden);
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('embed=figure: Unpin is hidden, but a computing pin still has its Stop, which changes neither the link nor the run', async () => {
    const { page, context, problems } = await opened(env, `${LINK}&embed=figure`, { width: 760, height: 900 });
    await page.waitForFunction(() => /pin 1: step \d+/.test(document.getElementById('pins-busy-text')?.textContent ?? ''), null, { timeout: 30000 });
    const hash = await page.evaluate(() => location.hash);
    assert.equal(await page.locator('button.unpin:visible').count(), 0);
    assert.ok(await page.isVisible('#pins-stop'), 'Stop pins, above the charts');
    const stop = row(page, 1).getByRole('button', { name: 'Stop pin 1' });
    assert.ok(await stop.isVisible(), 'Stop in the pin\'s row');
    await stop.click();
    await page.waitForFunction(() => /pin 1: stopped/.test(document.querySelector('#pins li:has(button.unpin) .pin-state').textContent));
    await page.click('#pins-stop');
    await page.waitForFunction(() => document.getElementById('pins-busy').hidden);
    assert.equal(await page.evaluate(() => location.hash), hash);
    assert.equal(await page.textContent('#fingerprint'), fingerprintOf(CURRENT));
    assert.match(await page.textContent('#pins-note'), /^Stopped pin 2: it stays in the link/);
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('the current run\'s Stop stops it alone: a pin waiting behind it stays in the link and computes after it', async () => {
    const long = 'v=1&problem=mlp&n=2000&hidden=16&opt=adam&steps=100000';
    const light = 'v=1&problem=logreg&steps=300';
    const { page, context, problems } = await opened(env, `${long}${pin(light)}`);
    await page.waitForSelector('#progress:not([hidden])', { timeout: 30000 });
    assert.match(await rowState(page, 1), /^pin 1: queued/);
    await page.click('#stop');
    assert.match(await page.textContent('#run-note'), /^Stopped at step \d+ of 100000/);
    // the pin computes now, and its run comes
    await page.waitForFunction(() => document.querySelectorAll('#pins .pin-state').length === 0 && document.querySelectorAll('#pins li:has(button.unpin)').length === 1, null, { timeout: 30000 });
    assert.equal((await pinsInLink(page)).length, 1, 'the pin stays in the link');
    assert.equal(await page.evaluate(() => window.Chart.getChart('loss-chart').data.datasets.length), 2, 'the partial run and the pin');
    assert.deepEqual(problems, []);
    await context.close();
  });
});
