// The browser tests' fixtures: the repo root served by sirv on a free port,
// and Debian's Chromium driven by playwright-core. Never a downloaded browser.
import { existsSync, mkdirSync } from 'node:fs';
import { after, before } from 'node:test';
import { createServer } from 'node:http';
import { chromium } from 'playwright-core';
import sirv from 'sirv';

export const CHROMIUM = '/usr/bin/chromium';
const ROOT = new URL('../..', import.meta.url).pathname;

// Resolves to { url, close } once the server listens on 127.0.0.1; every
// response carries `headers` (e.g. a Content-Security-Policy).
export function serve(root = ROOT, { headers = {} } = {}) {
  const handler = sirv(root, { dev: true, etag: false });
  const server = createServer((req, res) => {
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    handler(req, res, () => { res.statusCode = 404; res.end('not found'); });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve({
      url: `http://127.0.0.1:${server.address().port}/`,
      close: () => new Promise((done) => server.close(done)),
    }));
  });
}

// A suite's server and Chromium: started before its tests, closed after
// them. const env = inBrowser(); then env.server.url and env.browser.
// artifacts: a folder the suite writes screenshots to, made first.
export function inBrowser({ artifacts = null } = {}) {
  const env = { server: null, browser: null };
  before(async () => {
    env.server = await serve();
    env.browser = await launch();
    if (artifacts) mkdirSync(artifacts, { recursive: true });
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

export async function launch() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: install Debian's chromium package (apt-get install -y chromium); the browser tests never download a browser`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--no-first-run'],
  });
}

// A fresh context and page that record what the tests assert away:
// console errors, page errors, responses >= 400 (problems) and dialogs
// (dismissed). init, if given, runs in every frame before the page's scripts.
export async function newPage(browser, { viewport = { width: 1280, height: 900 }, init = null } = {}) {
  const context = await browser.newContext({ viewport });
  if (init) await context.addInitScript(init);
  const page = await context.newPage();
  const problems = [];
  const dialogs = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()} ${m.location().url ?? ''}`.trim()); });
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  return { page, context, problems, dialogs };
}

// The app at url, once it shows a fingerprint.
export async function open(browser, url, viewport = { width: 1280, height: 900 }) {
  const opened = await newPage(browser, { viewport });
  await opened.page.goto(url);
  await opened.page.waitForFunction(() => /^[0-9a-f]{16}$/.test(document.getElementById('fingerprint')?.textContent ?? ''));
  // and the parts that come after the first picture: Chart.js, the tools
  await opened.page.waitForFunction(() => performance.getEntriesByName('lrp:charts').length > 0 && 'lrpTools' in window);
  return opened;
}

// Watches the main thread from now on: long tasks (where Chromium reports
// them) and the longest gap between animation frames. stop() → { longtasks
// (supported), maxTask, maxGap, frames }.
export async function watchMainThread(page) {
  await page.evaluate(() => {
    const w = { tasks: [], maxGap: 0, frames: 0, on: true };
    w.longtasks = PerformanceObserver.supportedEntryTypes.includes('longtask');
    if (w.longtasks) {
      w.observer = new PerformanceObserver((list) => w.tasks.push(...list.getEntries().map((e) => e.duration)));
      w.observer.observe({ type: 'longtask' });
    }
    let last = performance.now();
    const tick = (now) => {
      w.maxGap = Math.max(w.maxGap, now - last);
      last = now;
      w.frames++;
      if (w.on) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    window.__watch = w;
  });
  return {
    stop: () => page.evaluate(() => {
      const w = window.__watch;
      w.on = false;
      w.observer?.takeRecords().forEach((e) => w.tasks.push(e.duration));
      w.observer?.disconnect();
      return { longtasks: w.longtasks, maxTask: Math.max(0, ...w.tasks), maxGap: w.maxGap, frames: w.frames };
    }),
  };
}
