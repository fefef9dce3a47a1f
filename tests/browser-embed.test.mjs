// Embedding and "works anywhere" in Chromium: the embed views, the page
// under a strict Content-Security-Policy, inside a sandboxed cross-origin
// iframe of a course page (with web/embed.js sizing it), and the dist/
// folder opened from file:// and served with the same policy.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { launch, newPage, serve } from './lib/browser.mjs';
import { loadCore } from '../web/core.js';
import { canonicalize, parse } from '../web/preset.js';
import { caption, frameHeight, HEIGHT_MESSAGE, parseView, snippet } from '../web/view.js';

const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:";
const REPO = new URL('..', import.meta.url).pathname;
const ARTIFACTS = `${REPO}test-artifacts/`;
const core = await loadCore();
const fingerprintOf = (text) => core.run(parse(text).preset).fingerprint;
const SURFACE = 'v=1&opt=adam&lr=0.01&sched=cosine&steps=300';
const DATA = 'v=1&problem=mlp&opt=adam&lr=0.02&steps=300&hidden=8';

// A fresh context whose every frame records CSP violations (read with
// violations(frame)); problems also gets failed requests and CSP messages.
async function context(browser, viewport = { width: 1100, height: 900 }) {
  const { context: ctx, page, problems } = await newPage(browser, {
    viewport,
    init: () => {
      window.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    },
  });
  page.on('console', (m) => { if (m.type() !== 'error' && /Content.Security.Policy/i.test(m.text())) problems.push(`console: ${m.text()}`); });
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  return { ctx, page, problems };
}

const waitFingerprint = (frame, expected, timeout = 60000) => frame.waitForFunction(
  (fp) => document.getElementById('fingerprint')?.textContent === fp, expected, { timeout });
const violations = (frame) => frame.evaluate(() => window.__violations);
// The ids of the controls a user can see.
// the run's controls on screen (the learning rate's row sits above the charts)
const visibleControls = (page) => page.evaluate(() => [...document.querySelectorAll('#lr-bar .row, .controls .row')]
  .filter((r) => r.getClientRects().length > 0).map((r) => r.querySelector('label').htmlFor.replace(/^key-/, '')));

describe('the page in Chromium: embedding and where it runs', { timeout: 300000 }, () => {
  let browser, server, strict;
  before(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await launch();
    server = await serve();
    strict = await serve(undefined, { headers: { 'Content-Security-Policy': CSP } });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await strict?.close();
  });

  it('embed=1 shows the caption, the charts and only the controls in ui=; the run is the same', async () => {
    const { ctx, page, problems } = await context(browser, { width: 760, height: 700 });
    await page.goto(`${server.url}#${SURFACE}&embed=1&ui=lr,sched`);
    await waitFingerprint(page, fingerprintOf(SURFACE));
    assert.equal(await page.textContent('#caption'), 'Adam, lr 0.01, cosine schedule, 300 steps on Rosenbrock');
    assert.equal(caption(parse(SURFACE).preset), 'Adam, lr 0.01, cosine schedule, 300 steps on Rosenbrock');
    // t_max and min_lr apply to cosine but were not asked for
    assert.deepEqual(await visibleControls(page), ['lr', 'sched']);
    for (const hidden of ['.top', '.tools', '.lessons', '.share']) assert.equal(await page.isVisible(hidden), false, hidden);
    for (const shown of ['#loss-chart', '#lr-chart', '#path-plot', '#caption', '#lr-bar', '#playback']) assert.ok(await page.isVisible(shown), shown);
    // an edit re-runs and keeps the view keys in the address
    await page.fill('#key-lr', '0.02');
    await page.press('#key-lr', 'Enter');
    const edited = SURFACE.replace('lr=0.01', 'lr=0.02');
    await waitFingerprint(page, fingerprintOf(edited));
    assert.equal(new URL(page.url()).hash, `#${canonicalize(parse(edited).preset)}&embed=1&ui=lr,sched`);
    assert.equal(await page.textContent('#caption'), 'Adam, lr 0.02, cosine schedule, 300 steps on Rosenbrock');
    assert.deepEqual(problems, []);
    await ctx.close();
  });

  it('embed=figure shows no control at all, only the charts and the caption', async () => {
    const { ctx, page, problems } = await context(browser, { width: 760, height: 700 });
    await page.goto(`${server.url}#${DATA}&embed=figure`);
    await waitFingerprint(page, fingerprintOf(DATA));
    assert.deepEqual(await visibleControls(page), []);
    // only the playback's: they show a step, never change the run
    const visible = page.locator('input:visible, select:visible, button:visible');
    assert.equal(await visible.count(), await page.locator('#playback :is(input, button):visible').count());
    assert.equal(await page.isVisible('#lr-bar'), false);
    assert.equal(await page.textContent('#caption'), 'Adam, lr 0.02, 300 steps on an MLP (8, tanh) on moons');
    // a constant rate is a line of text, not a chart
    for (const shown of ['#loss-chart', '#lr-flat', '#path-plot', '#model-plot']) assert.ok(await page.isVisible(shown), shown);
    assert.deepEqual(problems, []);
    await ctx.close();
  });

  it('embed=figure with t= opens at that step; a click on the plot changes nothing', async () => {
    const { ctx, page, problems } = await context(browser, { width: 760, height: 700 });
    await page.goto(`${server.url}#${SURFACE}&embed=figure&t=30`);
    await waitFingerprint(page, fingerprintOf(SURFACE));
    assert.equal(await page.inputValue('#scrubber'), '30');
    assert.match(await page.textContent('#play-readout'), /^step 30 of 300 /);
    assert.equal(await page.textContent('#path-hint'), '');
    const hash = await page.evaluate(() => location.hash);
    const box = await page.locator('#path-plot').boundingBox();
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 3);
    await page.waitForTimeout(100);
    assert.equal(await page.textContent('#fingerprint'), fingerprintOf(SURFACE));
    assert.equal(await page.evaluate(() => location.hash), hash);
    assert.deepEqual(problems, []);
    await ctx.close();
  });

  it('embed=figure is read-only: clicks, drags and keys change neither the run, the caption, the link nor the pictures', async () => {
    const { ctx, page, problems } = await context(browser, { width: 760, height: 900 });
    await page.goto(`${server.url}#${DATA}&embed=figure`);
    await waitFingerprint(page, fingerprintOf(DATA));
    await page.waitForTimeout(400); // the refined contours and the model's map
    // the pictures as pixels: a legend click that hid a curve would show
    const seen = () => page.evaluate(() => ({
      fingerprint: document.getElementById('fingerprint').textContent,
      caption: document.getElementById('caption').textContent,
      hash: location.hash,
      pictures: ['loss-chart', 'path-plot', 'model-plot'].map((id) => document.getElementById(id).toDataURL()),
    }));
    const before = await seen();
    for (const id of ['#path-plot', '#model-plot', '#loss-chart']) {
      const b = await page.locator(id).boundingBox();
      const at = (fx, fy) => [b.x + fx * b.width, b.y + fy * b.height];
      // the top rows, where the loss chart's legend is, and the middle
      for (const fy of [0.02, 0.04, 0.06, 0.5]) for (let fx = 0.2; fx <= 0.8; fx += 0.05) await page.mouse.click(...at(fx, fy));
      await page.mouse.move(...at(0.2, 0.3));
      await page.mouse.down();
      await page.mouse.move(...at(0.8, 0.7), { steps: 8 });
      await page.mouse.up();
      await page.mouse.dblclick(...at(0.4, 0.6));
      await page.mouse.wheel(0, 200);
    }
    await page.click('#caption');
    for (const key of ['Enter', 'Escape', 'Delete', 'Backspace', 'PageDown', 'r', 'l', 'p', '+', '-', '0', 'Control+z']) await page.keyboard.press(key);
    await page.mouse.move(1, 1); // no tooltip left on a chart
    await page.waitForTimeout(300);
    assert.deepEqual(await seen(), before);
    // the only controls a key can reach are the playback's (and the link out)
    const reached = [];
    for (let k = 0; k < 10; k++) {
      await page.keyboard.press('Tab');
      reached.push(await page.evaluate(() => (document.activeElement.closest('#playback') ? 'playback' : document.activeElement.id || document.activeElement.tagName)));
    }
    assert.deepEqual([...new Set(reached)].filter((r) => !['playback', 'open-full', 'BODY'].includes(r)), []);
    // the playback moves the step shown, never the run
    await page.click('#caption');
    await page.keyboard.press('ArrowLeft');
    await page.waitForFunction(() => /&t=\d+/.test(location.hash));
    const after = await seen();
    assert.equal(after.hash.replace(/&t=\d+/, ''), before.hash);
    assert.equal(after.fingerprint, before.fingerprint);
    assert.equal(after.caption, before.caption);
    assert.equal(await page.isVisible('#embed-reset'), false);
    assert.deepEqual(problems, []);
    await ctx.close();
  });

  it('a live embed whose run a student changed offers Reset, back to the teacher\'s run: the same fingerprint and link', async () => {
    const { ctx, page, problems } = await context(browser, { width: 760, height: 900 });
    // as a teacher may write it: not in the canonical order, opened at step 40
    await page.goto(`${server.url}#steps=300&sched=cosine&lr=0.01&opt=adam&v=1&embed=1&ui=lr,sched&t=40`);
    await waitFingerprint(page, fingerprintOf(SURFACE));
    const teacher = { hash: await page.evaluate(() => location.hash), caption: await page.textContent('#caption') };
    assert.equal(teacher.hash, `#${canonicalize(parse(SURFACE).preset)}&embed=1&ui=lr,sched&t=40`);
    assert.equal(await page.isVisible('#embed-reset'), false);
    // a student edits the rate, then starts from elsewhere on the plot
    await page.fill('#key-lr', '0.05');
    await page.press('#key-lr', 'Enter');
    await waitFingerprint(page, fingerprintOf(SURFACE.replace('lr=0.01', 'lr=0.05')));
    assert.ok(await page.isVisible('#embed-reset'));
    const box = await page.locator('#path-plot').boundingBox();
    await page.mouse.click(box.x + box.width * 0.7, box.y + box.height * 0.4);
    await page.waitForFunction((fp) => document.getElementById('fingerprint').textContent !== fp, fingerprintOf(SURFACE.replace('lr=0.01', 'lr=0.05')));
    assert.match(await page.evaluate(() => location.hash), /&x0=.*&y0=/);
    assert.ok(await page.isVisible('#embed-reset'));
    await page.click('#embed-reset');
    await waitFingerprint(page, fingerprintOf(SURFACE));
    assert.equal(await page.evaluate(() => location.hash), teacher.hash);
    assert.equal(await page.textContent('#caption'), teacher.caption);
    assert.equal(await page.inputValue('#key-lr'), '0.01');
    assert.equal(await page.inputValue('#scrubber'), '40');
    assert.equal(await page.isVisible('#embed-reset'), false);
    // a rate edited and put back is the teacher's run again: no Reset
    await page.fill('#key-lr', '0.02');
    await page.press('#key-lr', 'Enter');
    await page.waitForSelector('#embed-reset', { state: 'visible' });
    await page.fill('#key-lr', '0.01');
    await page.press('#key-lr', 'Enter');
    await page.waitForSelector('#embed-reset', { state: 'hidden' });
    await page.screenshot({ path: `${ARTIFACTS}embed-reset.png` });
    assert.deepEqual(problems, []);
    await ctx.close();
  });

  it('without embed.js the snippet\'s height holds the content at every frame width from 360 px: no inner scroll', async () => {
    const pin = (text) => `&pin=${encodeURIComponent(canonicalize(parse(text).preset))}`;
    const cases = [
      [SURFACE, 'embed=1&ui=opt,lr,sched', 0],
      [DATA, 'embed=1&ui=lr,opt,b1,b2', 0],
      [DATA, 'embed=figure', 0],
      [SURFACE, 'embed=figure', 2],
    ];
    for (const [text, viewKeys, pins] of cases) {
      const height = frameHeight({ preset: parse(text).preset, view: parseView(viewKeys), pins });
      const pinned = pins ? pin(SURFACE.replace('lr=0.01', 'lr=0.001')) + pin(SURFACE.replace('lr=0.01', 'lr=0.1')) : '';
      const { ctx, page, problems } = await context(browser, { width: 360, height: 700 });
      await page.goto(`${server.url}#${text}&${viewKeys}${pinned}`);
      await waitFingerprint(page, fingerprintOf(text));
      let tallest = 0;
      for (const width of [360, 420, 480, 560, 640, 720, 800, 960, 1100, 1280]) {
        await page.setViewportSize({ width, height: 700 });
        await page.waitForTimeout(120);
        const content = await page.evaluate(() => Math.max(Math.ceil(document.body.getBoundingClientRect().height), document.documentElement.scrollHeight));
        assert.ok(content <= height, `${text}&${viewKeys} (${pins} pins) at ${width} px: content ${content} > snippet ${height}`);
        tallest = Math.max(tallest, content);
      }
      // and not far too tall where the content is tallest
      assert.ok(tallest >= height - 150, `${text}&${viewKeys}: content at most ${tallest}, snippet ${height}`);
      assert.deepEqual(problems, []);
      await ctx.close();
    }
  });

  it('fits a 360 px wide frame, controls and charts one under another', async () => {
    const { ctx, page, problems } = await context(browser, { width: 360, height: 640 });
    await page.goto(`${server.url}#${DATA}&embed=1&ui=lr,opt,b1,b2`);
    await waitFingerprint(page, fingerprintOf(DATA));
    assert.deepEqual(await visibleControls(page), ['lr', 'opt', 'b1', 'b2']);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= 360);
    const lefts = await page.evaluate(() => ['loss-chart', 'lr-flat', 'path-plot', 'model-plot']
      .map((id) => Math.round(document.getElementById(id).getBoundingClientRect().left)));
    assert.equal(new Set(lefts).size, 1, `one column: ${lefts}`);
    await page.screenshot({ path: `${ARTIFACTS}embed-phone.png`, fullPage: true });
    assert.deepEqual(problems, []);
    await ctx.close();
  });

  it('reports bad view keys by name and still runs the preset', async () => {
    const { ctx, page, problems } = await context(browser);
    await page.goto(`${server.url}#${SURFACE}&embed=2&ui=lr,<b>bogus</b>`);
    await waitFingerprint(page, fingerprintOf(SURFACE));
    const notices = await page.textContent('#notices');
    assert.match(notices, /embed = "2"/);
    assert.match(notices, /ui = "<b>bogus<\/b>": not a control/);
    assert.equal(await page.locator('b').count(), 0);
    assert.equal(await page.isVisible('.top'), true); // not embedded: embed=2 was ignored
    assert.deepEqual(problems, []);
    await ctx.close();
  });

  it('runs under the strict CSP: surfaces, a data run in a worker, the tools, the Embed dialog; no violation', async () => {
    const { ctx, page, problems } = await context(browser);
    await page.goto(`${strict.url}#${SURFACE}`);
    await waitFingerprint(page, fingerprintOf(SURFACE));
    await page.evaluate((h) => { location.hash = h; }, DATA);
    await waitFingerprint(page, fingerprintOf(DATA));
    assert.ok(page.workers().length >= 1, 'the data run used a Web Worker');
    // the sweep starts a pool of workers
    await page.click('#tool-sweep');
    await page.waitForFunction(() => !document.getElementById('sweep-card').hidden, null, { timeout: 120000 });
    assert.match(await page.textContent('#sweep-note'), /^24 rates and \d+ checks in .* on \d worker/);
    // the dialog writes a snippet whose link reproduces the run
    await page.click('#embed');
    const text = await page.inputValue('#embed-snippet');
    const src = text.match(/src="([^"]+)"/)[1].replace(/&amp;/g, '&');
    assert.equal(parse(new URL(src).hash).preset.lr, 0.02);
    assert.match(src, /&embed=1&ui=opt,lr,sched$/);
    // a figure: no ui=, and a height for no controls
    await page.check('input[name=embed-mode][value=figure]');
    const figure = await page.inputValue('#embed-snippet');
    assert.match(figure, /&amp;embed=figure" /);
    assert.doesNotMatch(figure, /ui=/);
    assert.match(figure, new RegExp(` height="${frameHeight({ preset: parse(DATA).preset, view: { embed: 'figure', ui: [] } })}" `));
    assert.match(text, new RegExp(` height="${frameHeight({ preset: parse(DATA).preset, view: parseView('embed=1&ui=opt,lr,sched') })}" `));
    // served from 127.0.0.1: the snippet would point students at their own computers
    assert.ok(await page.isVisible('#embed-warning'));
    assert.match(await page.textContent('#embed-warning'), /^This page is opened from 127\.0\.0\.1, .*would not work for your students\. Publish .*GitHub Pages/);
    assert.match(await page.getAttribute('#embed-preview', 'href'), /&embed=figure$/);
    assert.deepEqual(await violations(page), []);
    assert.deepEqual(problems, []);
    await ctx.close();
  });

  it('runs in sandboxed cross-origin iframes of a course page with a strict CSP; embed.js sizes them and ignores forged messages', async () => {
    // tall enough that no lazy iframe waits for a scroll
    const { ctx, page, problems } = await context(browser, { width: 900, height: 2600 });
    // the course page's message listeners (two pasted snippets load embed.js twice)
    await ctx.addInitScript(() => {
      if (window.top !== window) return;
      window.__messageListeners = 0;
      const add = EventTarget.prototype.addEventListener;
      EventTarget.prototype.addEventListener = function (type, ...rest) {
        if (this === window && type === 'message') window.__messageListeners++;
        return add.call(this, type, ...rest);
      };
    });
    const origin = new URL(strict.url).origin;
    const pageUrl = `${strict.url}index.html`;
    const live = snippet({ page: pageUrl, canonical: SURFACE, view: { embed: 'live', ui: ['lr'] }, height: 760, title: 'live' });
    // a second snippet pasted whole: its embed.js is the same script again
    const figure = snippet({ page: pageUrl, canonical: DATA, view: { embed: 'figure', ui: [] }, height: 620, title: 'figure' })
      .replace(/sandbox="[^"]*"/, 'sandbox="allow-scripts"'); // the least a frame can be given
    // an iframe embed.js must ignore: not marked data-lr-playground
    const unmarked = `<iframe src="${pageUrl}#${SURFACE}&embed=figure" height="150" sandbox="allow-scripts"></iframe>`;
    const course = `<!doctype html><html><head><title>A course</title></head><body><h1>Week 3</h1>${live}\n${figure}\n${unmarked}</body></html>`;
    // the course page: another origin (another port) with its own strict policy
    const courseServer = createServer((req, res) => {
      res.setHeader('Content-Security-Policy', `default-src 'none'; script-src ${origin}; frame-src ${origin}; style-src 'self'`);
      res.setHeader('Content-Type', 'text/html');
      res.end(course);
    });
    await new Promise((resolve) => courseServer.listen(0, '127.0.0.1', resolve));
    after(() => new Promise((resolve) => courseServer.close(resolve)));
    await page.goto(`http://127.0.0.1:${courseServer.address().port}/week3.html`);
    const frames = () => page.frames().filter((f) => f !== page.mainFrame());
    for (let k = 0; k < 100 && frames().filter((f) => f.url().startsWith(origin)).length < 3; k++) await page.waitForTimeout(50);
    const byHash = (part) => frames().find((f) => f.url().includes(part));
    const liveFrame = byHash('ui=lr'), figureFrame = byHash('problem=mlp');
    await waitFingerprint(liveFrame, fingerprintOf(SURFACE));
    await waitFingerprint(figureFrame, fingerprintOf(DATA)); // no worker may start here: it ran on the page
    for (const f of [liveFrame, figureFrame]) assert.equal(await f.evaluate(() => self.origin), 'null', 'the frame is sandboxed');
    assert.equal(await page.getAttribute('iframe[title=figure]', 'sandbox'), 'allow-scripts');
    // embed.js has set each marked frame to its content's height
    const heights = async () => page.evaluate(() => [...document.querySelectorAll('iframe')].map((f) => f.clientHeight));
    const contentHeight = (f) => f.evaluate(() => Math.ceil(document.body.getBoundingClientRect().height));
    await page.waitForFunction(() => [...document.querySelectorAll('iframe[data-lr-playground]')].every((f) => f.style.height));
    let [hLive, hFigure, hUnmarked] = await heights();
    assert.ok(Math.abs(hLive - await contentHeight(liveFrame)) <= 1, `live frame ${hLive} vs content ${await contentHeight(liveFrame)}`);
    assert.ok(Math.abs(hFigure - await contentHeight(figureFrame)) <= 1, `figure frame ${hFigure}`);
    assert.notEqual(hLive, 760);
    assert.equal(hUnmarked, 150);
    assert.equal(await page.evaluate(() => document.querySelectorAll('script[src$="embed.js"]').length), 2);
    assert.equal(await page.evaluate(() => window.__messageListeners), 1, 'embed.js twice listens once');
    // forged or malformed messages change nothing
    await page.evaluate((type) => window.postMessage({ type, height: 55 }, '*'), HEIGHT_MESSAGE);
    for (const bad of [{ height: 1e9 }, { height: '300' }, { height: NaN }, { height: 300, type: 'other' }, { height: 300, extra: 1 }, null, 'lr-playground:height']) {
      await liveFrame.evaluate(([type, m]) => parent.postMessage(m && typeof m === 'object' ? { type, ...m } : m, '*'), [HEIGHT_MESSAGE, bad]);
    }
    // an array of that shape: not the message's shape
    await liveFrame.evaluate((type) => parent.postMessage(Object.assign([], { type, height: 300 }), '*'), HEIGHT_MESSAGE);
    await page.waitForTimeout(200);
    assert.deepEqual(await heights(), [hLive, hFigure, hUnmarked]);
    // the live frame's control works inside the sandbox
    await liveFrame.fill('#key-lr', '0.003');
    await liveFrame.press('#key-lr', 'Enter');
    await waitFingerprint(liveFrame, fingerprintOf(SURFACE.replace('lr=0.01', 'lr=0.003')));
    await page.screenshot({ path: `${ARTIFACTS}embed-course-page.png`, fullPage: true });
    for (const f of [page.mainFrame(), liveFrame, figureFrame]) assert.deepEqual(await violations(f), [], f.url());
    assert.deepEqual(problems, []);
    await ctx.close();
  });

  it('build.sh dist writes only static files that run from file:// and from a static host with the CSP', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lrp-dist-'));
    try {
      execFileSync('bash', [join(REPO, 'build.sh'), 'dist', dir], { stdio: 'pipe' });
      const files = readdirSync(dir, { recursive: true }).filter((f) => /\.\w+$/.test(f)).sort();
      assert.deepEqual(files, ['index.html', 'sw.js', 'web/boot.js', 'web/embed.js', 'web/gen/app.js', 'web/gen/chartjs.js', 'web/gen/later.js', 'web/gen/lrp-core-wasm.js', 'web/gen/lrp-core.wasm', 'web/gen/worker.js', 'web/style.css']);
      // file://: no server at all
      const local = await context(browser);
      await local.page.goto(`${pathToFileURL(join(dir, 'index.html')).href}#${SURFACE}`);
      await waitFingerprint(local.page, fingerprintOf(SURFACE));
      await local.page.evaluate((h) => { location.hash = h; }, DATA);
      await waitFingerprint(local.page, fingerprintOf(DATA));
      // nothing may be fetched there: the core came from its script
      assert.equal(await local.page.evaluate(() => typeof self.lrpCoreWasm), 'string');
      assert.deepEqual(local.problems, []);
      await local.ctx.close();
      // any static host: here sirv with the CSP
      const host = await serve(dir, { headers: { 'Content-Security-Policy': CSP } });
      try {
        const served = await context(browser);
        await served.page.goto(`${host.url}#${DATA}&embed=1&ui=lr`);
        await waitFingerprint(served.page, fingerprintOf(DATA));
        assert.ok(served.page.workers().length >= 1);
        // over http the core's binary is compiled as it streams in, its script never loaded
        const fetched = await served.page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname));
        assert.ok(fetched.includes('/web/gen/lrp-core.wasm'), fetched.join(' '));
        assert.ok(!fetched.includes('/web/gen/lrp-core-wasm.js'), fetched.join(' '));
        assert.equal(await served.page.evaluate(() => typeof self.lrpCoreWasm), 'undefined');
        assert.deepEqual(await violations(served.page), []);
        assert.deepEqual(served.problems, []);
        await served.ctx.close();
      } finally {
        await host.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
