// The other engines the page must run in, besides Chromium (tests/lib/browser.mjs):
// Gecko, Debian's firefox-esr driven over WebDriver BiDi by puppeteer-core,
// and WebKit, Debian's WebKitGTK MiniBrowser driven over W3C WebDriver by
// selenium-webdriver through Debian's WebKitWebDriver, on an Xvfb display
// this module starts. Never a downloaded browser or driver.
//
// Each engine's launch() resolves to { name, version, newPage(), close() }
// and a page to one small interface, the same in both:
//   goto(url), evaluate(fn, ...args) (fn may be async; args and result are
//   JSON), waitFor(fn, arg, { timeout, what }) (until fn(arg) is truthy in
//   the page), inFrame(selector, fn, ...args) (evaluate in that iframe),
//   close().
// An engine that cannot start throws, naming the Debian package to install.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createServer } from 'node:http';
import puppeteer from 'puppeteer-core';
import { Builder, By } from 'selenium-webdriver';
import sirv from 'sirv';

export const FIREFOX = '/usr/bin/firefox-esr';
export const WEBKIT_DRIVER = '/usr/bin/WebKitWebDriver';
export const XVFB = '/usr/bin/Xvfb';
const ROOT = new URL('../..', import.meta.url).pathname;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const missing = (what, pkg) => new Error(`${what} not found: install Debian's ${pkg} package ` +
  `(apt-get install -y ${pkg}; bash build.sh test does it when run as root); the engine tests never download a browser`);

// A server on 127.0.0.1 and a free port: routes (path → HTML) first, then,
// with root, the files under it (sirv). Resolves to { url, close }.
export function serve({ root = ROOT, routes = {} } = {}) {
  const files = root && sirv(root, { dev: true, etag: false });
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    if (path in routes) {
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      return void res.end(routes[path]);
    }
    const notFound = () => { res.statusCode = 404; res.end('not found'); };
    if (files) files(req, res, notFound);
    else notFound();
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve({
      url: `http://127.0.0.1:${server.address().port}/`,
      close: () => new Promise((done) => { server.closeAllConnections?.(); server.close(done); }),
    }));
  });
}

// Polls fn(arg) in the page until truthy; the error names what it waited for
// and what the page last showed (show(), if given).
async function poll(evaluate, fn, arg, { timeout = 60000, what = 'a condition', show = null } = {}) {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await evaluate(fn, arg);
    if (value) return value;
    if (Date.now() > end) {
      const seen = show ? ` (the page shows ${JSON.stringify(await evaluate(show).catch((e) => e.message))})` : '';
      throw new Error(`timed out after ${timeout} ms waiting for ${what}${seen}`);
    }
    await sleep(100);
  }
}

// ---- Gecko: firefox-esr over WebDriver BiDi (puppeteer-core) ----

export async function launchFirefox() {
  if (!existsSync(FIREFOX)) throw missing(FIREFOX, 'firefox-esr');
  let browser;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox', executablePath: FIREFOX, headless: true,
      // a run's tab in the background is not throttled; nothing phones home
      extraPrefsFirefox: { 'dom.min_background_timeout_value': 0, 'app.update.enabled': false },
    });
  } catch (e) {
    throw new Error(`${FIREFOX} did not start (Debian's firefox-esr package): ${e.message}`);
  }
  const version = (await browser.version()).replace(/^firefox\//i, '');
  return {
    name: 'Firefox ESR', version,
    async newPage({ width = 1280, height = 900 } = {}) {
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      await page.setViewport({ width, height });
      const problems = [];
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
      const evaluate = (fn, ...args) => page.evaluate(fn, ...args);
      return {
        problems,
        goto: (url) => page.goto(url),
        evaluate,
        waitFor: (fn, arg, opts) => poll(evaluate, fn, arg, opts),
        async inFrame(selector, fn, ...args) {
          const frame = await (await page.waitForSelector(selector)).contentFrame();
          return frame.evaluate(fn, ...args);
        },
        close: () => context.close(),
      };
    },
    close: () => browser.close(),
  };
}

// ---- WebKit: WebKitGTK's MiniBrowser over W3C WebDriver (WebKitWebDriver) ----

// Debian's MiniBrowser, e.g. /usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser.
export function miniBrowser() {
  for (const arch of readdirSync('/usr/lib').filter((d) => /-linux-gnu/.test(d))) {
    const lib = `/usr/lib/${arch}`;
    for (const dir of readdirSync(lib).filter((d) => /^webkit2?gtk-/.test(d)).sort().reverse()) {
      if (existsSync(`${lib}/${dir}/MiniBrowser`)) return `${lib}/${dir}/MiniBrowser`;
    }
  }
  return null;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    }).once('error', reject);
  });
}

// Xvfb on the first free display (-displayfd): { display, stop }.
async function startXvfb() {
  const x = spawn(XVFB, ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'],
    { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
  let err = '';
  x.stderr.on('data', (d) => { err += d; });
  const display = await new Promise((resolve, reject) => {
    let out = '';
    x.stdio[3].on('data', (d) => { out += d; if (out.includes('\n')) resolve(`:${out.trim()}`); });
    x.once('error', reject);
    x.once('exit', (code) => reject(new Error(`Xvfb exited (${code}): ${err.trim().slice(-400)}`)));
    setTimeout(() => reject(new Error('Xvfb gave no display in 10 s')), 10000);
  });
  return { display, stop: () => x.kill() };
}

async function startDriver(display) {
  const port = await freePort();
  const env = { ...process.env, DISPLAY: display };
  const proc = spawn(WEBKIT_DRIVER, [`--port=${port}`, '--host=127.0.0.1'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '', exited = null;
  proc.stderr.on('data', (d) => { err += d; });
  proc.once('exit', (code) => { exited = code; });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100 && exited === null; i++) {
    try {
      if ((await fetch(`${url}/status`)).ok) return { url, stop: () => proc.kill() };
    } catch { /* not listening yet */ }
    await sleep(100);
  }
  proc.kill();
  throw new Error(`WebKitWebDriver did not answer on ${url}: ${err.trim().slice(-400)}`);
}

export async function launchWebKit() {
  if (!existsSync(WEBKIT_DRIVER)) throw missing(WEBKIT_DRIVER, 'webkit2gtk-driver');
  const binary = miniBrowser();
  if (!binary) throw missing('/usr/lib/*/webkit2gtk-4.*/MiniBrowser', 'webkit2gtk-driver');
  if (!existsSync(XVFB)) throw missing(XVFB, 'xvfb');
  const stops = [];
  const stopAll = () => { while (stops.length) stops.pop()(); };
  process.once('exit', stopAll); // the driver and Xvfb never outlive the tests
  let driver;
  try {
    const xvfb = await startXvfb();
    stops.push(xvfb.stop);
    const server = await startDriver(xvfb.display);
    stops.push(server.stop);
    driver = await new Builder().usingServer(server.url).withCapabilities({
      browserName: 'MiniBrowser',
      'webkitgtk:browserOptions': { binary, args: ['--automation'] },
    }).build();
  } catch (e) {
    stopAll();
    throw new Error(`WebKitGTK did not start (Debian's webkit2gtk-driver and xvfb packages): ${e.message}`);
  }
  const version = (await driver.getCapabilities()).get('browserVersion');
  await driver.manage().setTimeouts({ script: 120000, pageLoad: 60000 });
  const evaluate = (fn, ...args) => driver.executeScript(fn, ...args);
  return {
    name: 'WebKitGTK', version,
    // One window: a page is the session's, until the next newPage().
    async newPage() {
      await driver.get('about:blank');
      return {
        problems: [], // classic WebDriver reports no console: the tests check the page instead
        goto: (url) => driver.get(url),
        evaluate,
        waitFor: (fn, arg, opts) => poll(evaluate, fn, arg, opts),
        async inFrame(selector, fn, ...args) {
          await driver.switchTo().frame(await driver.findElement(By.css(selector)));
          try {
            return await driver.executeScript(fn, ...args);
          } finally {
            await driver.switchTo().defaultContent();
          }
        },
        close: () => driver.get('about:blank'),
      };
    },
    async close() {
      try {
        await driver.quit();
      } finally {
        stopAll();
      }
    },
  };
}

export const ENGINES = [
  { name: 'Firefox ESR (Gecko)', launch: launchFirefox },
  { name: 'WebKitGTK (WebKit)', launch: launchWebKit },
];
