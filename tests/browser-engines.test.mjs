// The page beyond Chromium: in Firefox ESR (Gecko, over WebDriver BiDi) and
// in WebKitGTK (WebKit, over W3C WebDriver on Xvfb), both Debian's packages
// (tests/lib/engines.mjs). In each engine: every pinned preset of
// tests/fingerprints.json reproduces its run with the SIMD and the scalar
// builds, a surface run and a data run (in a Web Worker) show the right
// fingerprint, a share link reproduces its run, and an embedded page posts
// its height to a course page whose web/embed.js sizes its iframe. An
// engine that cannot start fails its tests, naming the Debian package.
// 25 to 45 s on two cores, 10 s of it starting Firefox.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadCore } from '../web/core.js';
import { canonicalize, parse } from '../web/preset.js';
import { HEIGHT_MESSAGE, snippet } from '../web/view.js';
import { ENGINES, serve } from './lib/engines.mjs';
import { TABLE, assertPinned, pinnedInPage } from './lib/pinned.mjs';

const core = await loadCore();
const canonical = (text) => canonicalize(parse(text).preset);
const fingerprintOf = (text) => core.run(parse(text).preset).fingerprint;
const SURFACE = 'v=1&opt=adam&lr=0.02&sched=cosine&steps=300';
const DATA = 'v=1&problem=mlp';
const BLANK = '<!doctype html><title>blank</title>';

// In the page: the fingerprint it shows, and whether the notices are empty.
const shown = () => ({ fingerprint: document.getElementById('fingerprint')?.textContent, hash: location.hash,
  notices: document.getElementById('notices')?.textContent.trim() });
const showsFingerprint = (fp) => document.getElementById('fingerprint')?.textContent === fp;

// Records page errors from now on (classic WebDriver reports none itself).
const recordErrors = () => {
  window.__errors = [];
  addEventListener('error', (e) => window.__errors.push(`${e.message} ${e.filename ?? ''}`));
  addEventListener('unhandledrejection', (e) => window.__errors.push(`unhandled: ${e.reason}`));
};

for (const engine of ENGINES) {
  describe(`the page in ${engine.name}`, { timeout: 300000 }, () => {
    let browser, server, failed = null;
    // An engine that does not start fails each test with the reason (which
    // names the Debian package), rather than cancelling them.
    before(async () => {
      server = await serve({ routes: { '/blank.html': BLANK } });
      try {
        browser = await engine.launch();
        console.log(`${browser.name} ${browser.version}`);
      } catch (e) {
        failed = e;
      }
    });
    const newPage = () => {
      if (failed) throw new Error(`${engine.name} did not start: ${failed.message}`);
      return browser.newPage();
    };
    after(async () => {
      await browser?.close();
      await server?.close();
    });

    // A blank page on the server's origin imports the very modules the page uses.
    it(`every pinned preset reproduces its run (${TABLE.length} presets), SIMD and scalar builds`, async () => {
      const page = await newPage();
      await page.goto(`${server.url}blank.html`);
      const runs = await page.evaluate(pinnedInPage, TABLE.map((e) => e.preset));
      assertPinned(`${browser.name} ${browser.version}, SIMD build`, runs.simd);
      assertPinned(`${browser.name} ${browser.version}, scalar build`, runs.scalar);
      assert.deepEqual(page.problems, []);
      await page.close();
    });

    it('a surface run shows its fingerprint; a data run finishes in a Web Worker with its own', async () => {
      const page = await newPage();
      await page.goto(`${server.url}index.html#${SURFACE}`);
      await page.waitFor(showsFingerprint, fingerprintOf(SURFACE), { what: `fingerprint ${fingerprintOf(SURFACE)}`, show: shown });
      assert.equal((await page.evaluate(shown)).notices, '');
      await page.evaluate(recordErrors);
      // the page's runs that go to a real Web Worker from now on (the page
      // posts a run to a worker only once it has said hello), and the results of those runs
      await page.evaluate(() => {
        const Native = window.Worker;
        window.__workers = { runs: 0, results: 0 };
        window.Worker = class extends Native {
          constructor(...args) {
            super(...args);
            const runs = this.runs = new Set();
            this.addEventListener('message', (e) => { if (e.data?.result && runs.has(e.data.id)) window.__workers.results++; });
          }
          postMessage(message, ...rest) {
            if (message && typeof message === 'object' && 'run' in message) {
              window.__workers.runs++;
              this.runs.add(message.run);
            }
            return super.postMessage(message, ...rest);
          }
        };
      });
      await page.evaluate((h) => { location.hash = h; }, DATA);
      await page.waitFor(showsFingerprint, fingerprintOf(DATA), { timeout: 120000, what: `the data run's fingerprint ${fingerprintOf(DATA)}`, show: shown });
      assert.deepEqual(await page.evaluate(() => window.__workers), { runs: 1, results: 1 }, 'the data run ran in a Web Worker');
      const seen = await page.evaluate(shown);
      assert.equal(seen.hash, `#${canonical(DATA)}`);
      assert.equal(seen.notices, '');
      assert.deepEqual(await page.evaluate(() => window.__errors), []);
      assert.deepEqual(page.problems, []);
      await page.close();
    });

    it('a share link round trip: a link opens its run, an edit rewrites the link, the new link reproduces it', async () => {
      const page = await newPage();
      // keys out of order: the page writes the canonical link
      const scrambled = 'steps=300&sched=cosine&lr=0.02&opt=adam&v=1';
      await page.goto(`${server.url}index.html#${scrambled}`);
      await page.waitFor(showsFingerprint, fingerprintOf(SURFACE), { what: `fingerprint ${fingerprintOf(SURFACE)}`, show: shown });
      assert.equal((await page.evaluate(shown)).hash, `#${canonical(SURFACE)}`);
      // the rate's field, edited as a reader would (the change commits it)
      await page.evaluate(() => {
        const field = document.getElementById('key-lr');
        field.value = '0.05';
        field.dispatchEvent(new Event('input', { bubbles: true }));
        field.dispatchEvent(new Event('change', { bubbles: true }));
      });
      const edited = SURFACE.replace('lr=0.02', 'lr=0.05');
      await page.waitFor(showsFingerprint, fingerprintOf(edited), { what: `the edited run's fingerprint ${fingerprintOf(edited)}`, show: shown });
      const link = await page.evaluate(() => document.getElementById('share-url').value);
      assert.equal(link, `${server.url}index.html#${canonical(edited)}`);
      assert.equal((await page.evaluate(shown)).hash, `#${canonical(edited)}`);
      await page.close();
      // the link, opened afresh
      const again = await newPage();
      await again.goto(link);
      await again.waitFor(showsFingerprint, fingerprintOf(edited), { what: `fingerprint ${fingerprintOf(edited)} from the link`, show: shown });
      const seen = await again.evaluate(shown);
      assert.equal(seen.hash, `#${canonical(edited)}`);
      assert.equal(seen.notices, '');
      assert.equal(await again.evaluate(() => document.getElementById('key-lr').value), '0.05');
      assert.deepEqual(again.problems, []);
      await again.close();
    });

    it('embedded in a sandboxed iframe of a course page: posts its height; embed.js sizes the iframe', async () => {
      const frameHTML = snippet({ page: `${server.url}index.html`, canonical: canonical(SURFACE),
        view: { embed: 'live', ui: ['lr'] }, height: 760, title: 'live' });
      // the course page, on another origin, records the messages it gets
      const course = await serve({ root: null, routes: { '/week3.html': '<!doctype html><title>A course</title>' +
        '<script>window.__messages = []; addEventListener("message", (e) => window.__messages.push({ origin: e.origin, ' +
        'data: e.data, fromFrame: e.source === document.querySelector("iframe").contentWindow }));</script>' +
        `<h1>Week 3</h1>${frameHTML}` } });
      try {
        const page = await newPage();
        await page.goto(`${course.url}week3.html`);
        await page.inFrame('iframe', () => true); // the frame has loaded
        const fp = fingerprintOf(SURFACE);
        const deadline = Date.now() + 60000;
        while (await page.inFrame('iframe', () => document.getElementById('fingerprint')?.textContent) !== fp) {
          assert.ok(Date.now() < deadline, `the embedded page never showed fingerprint ${fp}`);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        assert.equal(await page.inFrame('iframe', () => self.origin), 'null', 'the frame is sandboxed');
        assert.equal(await page.inFrame('iframe', () => document.body.classList.contains('embed')), true);
        await page.waitFor(() => document.querySelector('iframe').style.height !== '', null, { what: 'embed.js to size the iframe' });
        // settled: the frame's height is the last one it posted, and its content's
        await new Promise((resolve) => setTimeout(resolve, 500));
        const { messages, height } = await page.evaluate(() => ({ messages: window.__messages,
          height: document.querySelector('iframe').getBoundingClientRect().height }));
        assert.ok(messages.length >= 1);
        for (const m of messages) {
          assert.deepEqual(Object.keys(m.data).sort(), ['height', 'type']);
          assert.equal(m.data.type, HEIGHT_MESSAGE);
          assert.ok(Number.isInteger(m.data.height) && m.data.height >= 1 && m.data.height <= 20000, `height ${m.data.height}`);
          assert.equal(m.origin, 'null');
          assert.equal(m.fromFrame, true);
        }
        const last = messages.at(-1).data.height;
        assert.equal(Math.round(height), last);
        assert.notEqual(last, 760);
        const content = await page.inFrame('iframe', () => Math.ceil(document.body.getBoundingClientRect().height));
        assert.ok(Math.abs(content - last) <= 1, `iframe ${last} px, its content ${content} px`);
        await page.close();
      } finally {
        await course.close();
      }
    });
  });
}
