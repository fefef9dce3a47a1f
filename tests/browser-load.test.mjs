// How the page loads (bundle.mjs, web/later-load.js, web/boot.js): app.js
// draws a surface's path over its contours before Chart.js is even
// requested; chartjs.js then brings the loss and rate charts and later.js
// the tools; the later scripts take the page's own modules from app.js
// rather than a second copy; the core is fetched once.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import { loadCore } from '../web/core.js';
import { parse } from '../web/preset.js';
import { LESSONS, lessonHash } from '../web/lessons.js';
import { inBrowser, newPage, open } from './lib/browser.mjs';

const gen = (f) => readFileSync(new URL(`../web/gen/${f}`, import.meta.url), 'utf8');
const SURFACE = 'v=1&problem=rosenbrock&opt=adam&lr=0.02&steps=300';

it('Chart.js is in chartjs.js alone, and the page\'s modules in app.js alone', () => {
  const banner = /Chart\.js v\d/;
  assert.match(gen('chartjs.js'), banner);
  assert.doesNotMatch(gen('app.js'), banner);
  assert.doesNotMatch(gen('later.js'), banner);
  // later.js reads the modules it shares with app.js from self.lrpModules
  const shared = [...gen('later.js').matchAll(/self\.lrpModules\["([\w-]+\.js)"\]/g)].map((m) => m[1]);
  for (const f of ['preset.js', 'own-data.js', 'spawn.js', 'core.js', 'dom.js']) assert.ok(shared.includes(f), `${f} is not shared: ${shared}`);
  // what only the tools and the exports need is not in app.js
  assert.ok(gen('app.js').length < 200000, `app.js is ${gen('app.js').length} bytes`);
  assert.doesNotMatch(gen('app.js'), /torch\.optim\.lr_scheduler/);
  assert.match(gen('later.js'), /torch\.optim\.lr_scheduler/);
});

describe('the page loads in steps, in Chromium', () => {
  const env = inBrowser();
  let core;
  before(async () => { core = await loadCore(); });

  it('draws the path first, then the charts and the tools; fetches the core once', async () => {
    const { page, context, problems } = await open(env.browser, `${env.server.url}#${SURFACE}`);
    await page.waitForFunction(() => performance.getEntriesByName('lrp:charts').length > 0);
    await page.locator('#tools button').first().waitFor();
    const seen = await page.evaluate(() => {
      const first = performance.getEntriesByName('lrp:first-chart')[0].startTime;
      const files = performance.getEntriesByType('resource').map((e) => ({ path: new URL(e.name).pathname, start: e.startTime }));
      return { first, files, lossChart: !!window.Chart.getChart('loss-chart'), notes: window.lrpPage.notes.path.length >= 0 };
    });
    const started = (f) => seen.files.filter((e) => e.path === `/web/gen/${f}`);
    assert.equal(started('lrp-core.wasm').length, 1, JSON.stringify(seen.files));
    assert.equal(started('chartjs.js').length, 1);
    assert.ok(started('chartjs.js')[0].start >= seen.first, 'Chart.js was requested before the first picture');
    assert.ok(started('later.js')[0].start >= seen.first);
    assert.ok(seen.lossChart, 'no loss chart');
    assert.equal(await page.textContent('#fingerprint'), core.run(parse(SURFACE).preset).fingerprint);
    // the loss chart draws this run: its points are the run's loss
    const drawn = await page.evaluate(() => window.Chart.getChart('loss-chart').data.datasets[0].data.length);
    assert.ok(drawn > 100, `the loss chart has ${drawn} points`);
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('app.js\'s evaluation requests nothing, even when it runs before boot.js: it fetches the core from a task of its own', async () => {
    // a request made with the bundle's top-level code on the stack cost,
    // with DevTools attached, a reparse of the whole bundle for its
    // initiator's stack trace (web/app.js): each fetch, and the script
    // being evaluated when it was made (null: none)
    const { page, context, problems } = await newPage(env.browser, {
      init: () => {
        const fetch = window.fetch;
        window.fetchedBy = [];
        window.fetch = function (input, ...rest) {
          window.fetchedBy.push([String(input).split('/').pop(), document.currentScript?.src.split('/').pop() ?? null]);
          return fetch.call(this, input, ...rest);
        };
      },
    });
    await page.route('**/web/boot.js', async (route) => { await new Promise((later) => setTimeout(later, 300)); await route.continue(); });
    await page.goto(`${env.server.url}#${SURFACE}`);
    await page.waitForFunction(() => performance.getEntriesByName('lrp:first-chart').length > 0);
    // boot.js came late: app.js fetched the core, once, after its evaluation
    assert.deepEqual(await page.evaluate(() => window.fetchedBy.filter(([f]) => f === 'lrp-core.wasm')), [['lrp-core.wasm', null]]);
    assert.equal(await page.textContent('#fingerprint'), core.run(parse(SURFACE).preset).fingerprint);
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('the frame after the build lays out only the controls the link\'s run shows', async () => {
    // at each frame before the first chart: how many rows of controls
    // would be laid out (not hidden themselves, nor in a hidden fieldset)
    const rows = () => [...document.querySelectorAll('#controls .row, #lr-bar .row')].filter((r) => !r.closest('[hidden]')).length;
    const init = `window.rowsPerFrame = [];
      const look = () => {
        if (performance.getEntriesByName('lrp:first-chart').length) return;
        window.rowsPerFrame.push((${rows})());
        requestAnimationFrame(look);
      };
      requestAnimationFrame(look);`;
    for (const hash of ['', `#${SURFACE}`, '#v=1&problem=logreg&opt=adam&sched=cosine&steps=200']) {
      const { page, context, problems } = await newPage(env.browser, { init });
      await page.goto(`${env.server.url}${hash}`);
      await page.waitForFunction(() => performance.getEntriesByName('lrp:first-chart').length > 0);
      const [frames, shown] = [await page.evaluate(() => window.rowsPerFrame), await page.evaluate(rows)];
      // no frame laid out the rows that do not apply (48 in all)
      assert.ok(shown > 3 && shown < 30, `${hash}: ${shown} rows shown`);
      assert.ok(frames.length > 1 && Math.max(...frames) <= shown, `${hash}: rows per frame ${frames} before the first chart, ${shown} after`);
      assert.deepEqual(problems, []);
      await context.close();
    }
  });

  it('a part that fails to load (the tools): the page says so, and the rest of it works on', async () => {
    const { page, context, problems } = await newPage(env.browser);
    await page.route('**/web/gen/later.js', (route) => route.abort());
    await page.goto(`${env.server.url}${lessonHash(LESSONS[3])}`);
    await page.locator('#status', { hasText: 'later.js' }).waitFor();
    assert.match(await page.textContent('#status'), /^The page failed to start: a part of the page \(later\.js\) could not be loaded/);
    // the run, its charts, and the lesson's playback are there all the same
    assert.equal(await page.textContent('#fingerprint'), core.run(parse(LESSONS[3].preset).preset).fingerprint);
    await page.waitForFunction(() => window.lrpPage.t !== null && window.Chart?.getChart('loss-chart'));
    // the failed request, and the error said once (no unhandled rejection)
    assert.deepEqual(problems.map((p) => p.split('\n')[0].replace(/ http\S*$/, '')), ['console: Failed to load resource: net::ERR_FAILED', 'console: Error: a part of the page (later.js) could not be loaded']);
    await context.close();
  });

  it('the first picture comes whole, its contours built in a task of their own: the first-chart mark waits for them', async () => {
    // before the page's scripts: each value the path plot's data-contours
    // takes, and its value when the page marks its first chart
    const init = () => {
      window.__contours = [];
      new MutationObserver((records) => {
        for (const r of records) if (r.target.id === 'path-plot') window.__contours.push(r.target.dataset.contours);
      }).observe(document, { subtree: true, attributeFilter: ['data-contours'] });
      const mark = performance.mark.bind(performance);
      performance.mark = (name, ...rest) => {
        if (name === 'lrp:first-chart') window.__atFirst = document.getElementById('path-plot').dataset.contours;
        return mark(name, ...rest);
      };
    };
    // an embed's layout changes the plot's size in the run's own task: the
    // contours built for the size before must not stand in the way
    for (const hash of [SURFACE, `${SURFACE}&embed=figure`, `${SURFACE}&embed=1&ui=lr`]) {
      const { page, context, problems } = await newPage(env.browser, { init });
      await page.goto(`${env.server.url}#${hash}`);
      await page.waitForFunction(() => window.__contours.includes('fine'), null, { timeout: 10000 });
      const { seen, atFirst, fingerprint } = await page.evaluate(() => ({
        seen: window.__contours, atFirst: window.__atFirst, fingerprint: document.getElementById('fingerprint').textContent,
      }));
      // the run's task computed no contours: the page's were made ready in a
      // task before it (web/first-run.js); an embed's, whose layout changes
      // the plot's size in that task, in a task after it. They came coarse,
      // then fine.
      assert.equal(seen[0], hash === SURFACE ? 'coarse' : 'none', `${hash}: ${seen.join(' ')}`);
      assert.ok(seen.includes('coarse') && seen.indexOf('fine') > seen.indexOf('coarse'), `${hash}: ${seen.join(' ')}`);
      assert.equal(atFirst, 'coarse', hash);
      assert.equal(fingerprint, core.run(parse(SURFACE).preset).fingerprint);
      assert.deepEqual(problems, []);
      await context.close();
    }
  });

  it('a link opened while the first contours are made ready: the page starts with it, the contours under way stop', async () => {
    // the first contours are built a few levels a task (PathPanel.prepare):
    // each level is made slow here, and the link changes once the first
    // are under way; the start must not wait for contours that stopped
    const OTHER = 'v=1&problem=himmelblau&opt=sgd&lr=0.01&steps=120';
    const init = (other) => {
      let slow = false;
      const Base = window.OffscreenCanvas, fill = OffscreenCanvasRenderingContext2D.prototype.fill;
      window.OffscreenCanvas = class extends Base {
        constructor(w, h) {
          super(w, h);
          if (w > 1 && !window.__switched) { // the plot's, not the warm-up's 1x1
            window.__switched = slow = true;
            setTimeout(() => { location.hash = other; });
          }
        }
      };
      addEventListener('hashchange', () => { slow = false; }, true);
      OffscreenCanvasRenderingContext2D.prototype.fill = function (...args) {
        for (const t = performance.now(); slow && performance.now() - t < 6;);
        return fill.apply(this, args);
      };
    };
    const { page, context, problems } = await newPage(env.browser, { init: { content: `(${init})(${JSON.stringify(OTHER)})` } });
    await page.goto(`${env.server.url}#${SURFACE}`);
    await page.waitForFunction(() => performance.getEntriesByName('lrp:charts').length > 0, null, { timeout: 15000 });
    const seen = await page.evaluate(() => ({ switched: window.__switched, hash: location.hash, fingerprint: document.getElementById('fingerprint').textContent }));
    assert.ok(seen.switched, 'the link did not change while the contours were built');
    assert.match(seen.hash, /problem=himmelblau/); // the link, written canonical
    assert.equal(seen.fingerprint, core.run(parse(OTHER).preset).fingerprint);
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('app.js (and chartjs.js) carry the compile hint: app.js\'s functions are not compiled one by one on the main thread', async () => {
    // Chromium's compile hint (bundle.mjs): app.js, and Chart.js, whose
    // loss chart's making runs much of it; not the tools
    for (const f of ['app.js', 'chartjs.js']) assert.equal(gen(f).split('\n')[0], '//# allFunctionsCalledOnLoad', f);
    assert.doesNotMatch(gen('later.js'), /allFunctionsCalledOnLoad/);
    // the functions V8 compiles lazily (at their first call) on the page's
    // main thread before its first chart: with the hint, and with the same
    // app.js served without it
    const lazy = async (strip) => {
      const { page, context } = await newPage(env.browser);
      if (strip) await page.route('**/web/gen/app.js', (r) => r.fulfill({ contentType: 'text/javascript', body: gen('app.js').replace(/^[^\n]*\n/, '') }));
      await env.browser.startTracing(page, { categories: ['blink.user_timing', 'disabled-by-default-v8.compile'] });
      await page.goto(`${env.server.url}#${SURFACE}`);
      await page.waitForFunction(() => performance.getEntriesByName('lrp:first-chart').length > 0);
      const events = JSON.parse((await env.browser.stopTracing()).toString()).traceEvents;
      await context.close();
      const mark = events.find((e) => e.name === 'lrp:first-chart');
      return events.filter((e) => e.name === 'V8.ParseFunction' && e.pid === mark.pid && e.tid === mark.tid && e.ts < mark.ts).length;
    };
    const [hinted, plain] = [await lazy(false), await lazy(true)];
    assert.ok(plain > 150, `without the hint, ${plain} lazy compiles`);
    assert.ok(hinted * 3 < plain, `${hinted} lazy compiles with the hint, ${plain} without`);
  });

  it('the slider keeps its width and place when the tools bring "GD stable below" beside it', async () => {
    const init = () => {
      const mark = performance.mark.bind(performance);
      performance.mark = (name, ...rest) => {
        if (name === 'lrp:first-chart') window.__slider = document.getElementById('lr-slider').getBoundingClientRect().toJSON();
        return mark(name, ...rest);
      };
    };
    for (const viewport of [{ width: 1280, height: 800 }, { width: 360, height: 740 }]) {
      const { page, context, problems } = await newPage(env.browser, { viewport, init });
      await page.goto(`${env.server.url}#v=1&problem=quadratic&lr=0.05`);
      await page.waitForFunction(() => 'lrpTools' in window && !document.getElementById('lr-edge').hidden);
      const { before, after, text } = await page.evaluate(() => ({
        before: window.__slider, after: document.getElementById('lr-slider').getBoundingClientRect().toJSON(), text: document.getElementById('lr-edge').textContent,
      }));
      assert.equal(text, 'GD stable below 0.2');
      for (const k of ['x', 'y', 'width']) assert.equal(after[k], before[k], `${viewport.width}px: the slider's ${k} moved`);
      assert.deepEqual(problems, []);
      await context.close();
    }
  });

  it('the first contours are coarse, then refined in the background, the path drawn again over them', async () => {
    const { page, context, problems } = await open(env.browser, `${env.server.url}#${SURFACE}`);
    const coarse = await page.evaluate(() => new Promise((resolve) => {
      // the attribute as the first picture left it, then each change
      const c = document.getElementById('path-plot'), seen = [c.dataset.contours];
      new MutationObserver(() => seen.push(c.dataset.contours)).observe(c, { attributeFilter: ['data-contours'] });
      setTimeout(() => resolve(seen), 3000);
    }));
    assert.equal(coarse.at(-1), 'fine', coarse.join(' '));
    // the refined picture is the one drawn at once, when the page comes
    // back to this run from another (no coarse first then)
    const refined = await page.evaluate(() => document.getElementById('path-plot').toDataURL());
    const fp = core.run(parse(SURFACE).preset).fingerprint;
    await page.evaluate(() => { location.hash = 'v=1&problem=quadratic'; });
    await page.waitForFunction((f) => document.getElementById('fingerprint').textContent !== f, fp);
    await page.evaluate((h) => { location.hash = h; }, SURFACE);
    await page.waitForFunction((f) => document.getElementById('fingerprint').textContent === f, fp);
    assert.equal(await page.evaluate(() => document.getElementById('path-plot').dataset.contours), 'fine');
    assert.equal(await page.evaluate(() => document.getElementById('path-plot').toDataURL()), refined);
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('a data run that streams before Chart.js comes is drawn when it comes', async () => {
    const text = 'v=1&problem=logreg&steps=200';
    const { page, context, problems } = await open(env.browser, `${env.server.url}#${text}`);
    await page.waitForFunction((fp) => document.getElementById('fingerprint')?.textContent === fp, core.run(parse(text).preset).fingerprint);
    const points = await page.evaluate(() => window.Chart.getChart('loss-chart').data.datasets[0].data.length);
    assert.ok(points > 50, `the loss chart has ${points} points`);
    assert.deepEqual(problems, []);
    await context.close();
  });
});
