// Offline after the first visit (web/sw.js, registered by web/offline.js):
// in Chromium, a page opened once keeps working with the network off, for
// any link (a surface run, a data run in its worker); a new release (a new
// sw.js) replaces the cache of the old one. file:// and sandboxed embeds run
// without a service worker (tests/browser.test.mjs, browser-embed.test.mjs).
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadCore } from '../web/core.js';
import { parse } from '../web/preset.js';
import { launch, newPage, serve } from './lib/browser.mjs';

const ROOT = new URL('..', import.meta.url).pathname;
const SITE = ['index.html', 'sw.js', 'web/style.css', 'web/embed.js', 'web/boot.js', 'web/gen/app.js', 'web/gen/worker.js',
  'web/gen/chartjs.js', 'web/gen/later.js', 'web/gen/lrp-core.wasm', 'web/gen/lrp-core-wasm.js'];
const core = await loadCore();
const fingerprintOf = (text) => core.run(parse(text).preset).fingerprint;
const SURFACE = 'v=1&problem=rosenbrock&opt=adam&lr=0.02&steps=300';
const DATA = 'v=1&problem=logreg&steps=200';

const showsFingerprint = (page, fp) => page.waitForFunction((want) => document.getElementById('fingerprint')?.textContent === want, fp, { timeout: 30000 });
// Waits until the service worker controls the page; its cache names.
async function controlled(page) {
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, { timeout: 30000 });
  return page.evaluate(() => caches.keys());
}

describe('offline after the first visit, in Chromium', () => {
  let browser, dir, site;
  before(async () => {
    browser = await launch();
    // the built site alone, in a folder of its own, as a static host serves it
    dir = mkdtempSync(join(tmpdir(), 'lrp-offline-'));
    for (const f of SITE) {
      mkdirSync(join(dir, f, '..'), { recursive: true });
      cpSync(join(ROOT, f), join(dir, f));
    }
    site = await serve(dir);
  });
  after(async () => {
    await browser?.close();
    await site?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens any link with the network off once the page was opened', async () => {
    const { page, context, problems } = await newPage(browser);
    await page.goto(`${site.url}#${SURFACE}`);
    await showsFingerprint(page, fingerprintOf(SURFACE));
    const version = /const VERSION = '([0-9a-f]{16})'/.exec(readFileSync(join(dir, 'sw.js'), 'utf8'))[1];
    assert.deepEqual(await controlled(page), [`lrp-${version}`]);
    await context.setOffline(true);
    // the network is off: a file the worker does not keep fails, one it keeps comes
    assert.equal(await page.evaluate(() => fetch('web/keys.js').then(() => 'online', () => 'offline')), 'offline');
    assert.equal(await page.evaluate(() => fetch('web/style.css?probe').then((r) => r.status)), 200);
    assert.match(problems.pop(), /net::ERR_\w+ .*web\/keys\.js$/);
    // a new tab, other links: a surface run, a data run in its Web Worker
    for (const text of [`v=1&problem=quadratic&cond=10&lr=0.19`, DATA]) {
      const tab = await context.newPage();
      await tab.goto(`${site.url}index.html?from=a-course-page#${text}`);
      await showsFingerprint(tab, fingerprintOf(text));
      await tab.close();
    }
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('registers its service worker only once the page has started and been quiet', async () => {
    // installing fetches every file anew and compiles the scripts for the
    // code cache: not beside the page's own start (web/offline.js)
    const { page, context, problems } = await newPage(browser, {
      init: () => {
        const register = ServiceWorkerContainer.prototype.register;
        ServiceWorkerContainer.prototype.register = function (...args) {
          window.registered = { at: performance.now(), started: 'lrpTools' in window };
          return register.apply(this, args);
        };
      },
    });
    await page.goto(`${site.url}#${SURFACE}`);
    await controlled(page);
    const { registered, loaded } = await page.evaluate(() => ({ registered: window.registered, loaded: performance.getEntriesByType('navigation')[0].loadEventEnd }));
    assert.equal(registered.started, true, 'registered before the page had made its tools');
    assert.ok(registered.at >= loaded + 2000, `registered ${Math.round(registered.at - loaded)} ms after the load event`);
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('replaces the cache when a new release comes', async () => {
    const { page, context, problems } = await newPage(browser);
    await page.goto(`${site.url}#${SURFACE}`);
    const [old] = await controlled(page);
    // the next release: another style and so another VERSION
    writeFileSync(join(dir, 'web/style.css'), `${readFileSync(join(dir, 'web/style.css'), 'utf8')}\n/* release 2 */\n`);
    const sw = readFileSync(join(dir, 'sw.js'), 'utf8');
    writeFileSync(join(dir, 'sw.js'), sw.replace(/const VERSION = '[^']+'/, "const VERSION = 'release2'"));
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
    // (waitForFunction takes a promise for true: poll from here)
    for (let i = 0; JSON.stringify(await page.evaluate(() => caches.keys())) !== '["lrp-release2"]'; i++) {
      assert.ok(i < 150, `the caches after 30 s: ${await page.evaluate(() => caches.keys())}`);
      await page.waitForTimeout(200);
    }
    const css = await page.evaluate(() => caches.open('lrp-release2').then((c) => c.match('web/style.css', { ignoreVary: true })).then((r) => r.text()));
    assert.match(css, /release 2/);
    assert.notEqual(old, 'lrp-release2');
    assert.deepEqual(problems, []);
    await context.close();
  });
});
