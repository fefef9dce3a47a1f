// The page at the limits of a preset, in Chromium (about 25 s):
// - the heaviest valid preset (an mlp of three layers of 64 on 10000 points,
//   full batch, 100000 steps: about half an hour of work) opened from its
//   link runs in the page's worker with progress; Stop ends it at once, the
//   progress stays put, the main thread stays free and the next click
//   changes the link and runs;
// - Stop at random moments of a run (before the progress shows, while the
//   worker loads or advances, during the finishing grids) always leaves a
//   stopped or a finished run and a page that runs the next preset;
// - steps=100000 on a surface: the page does not cap it (PRESET.md allows
//   a lower cap); it runs on the main thread, so this measures for how long.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadCore } from '../web/core.js';
import { parse } from '../web/preset.js';
import { launch, newPage, serve, watchMainThread } from './lib/browser.mjs';

const HEAVIEST = 'v=1&problem=mlp&n=10000&hidden=64,64,64&steps=100000';
// a few updates, then about a second of its grids (the landscape, in one
// piece on the worker after the last chunk)
const SHORT_HEAVY = 'v=1&problem=mlp&n=10000&hidden=64,64,64&steps=3';
const QUICK = 'v=1&problem=logreg&lr=0.1&steps=300';
const SURFACE_LONG = 'v=1&problem=wells&opt=adam&lr=0.001&steps=100000';
const STOP_LIMIT_MS = 500;
const TASK_LIMIT_MS = 150; // tests/browser.test.mjs holds a data run to 100 ms, best of three
const SURFACE_LIMIT_MS = 2500; // all of a 100000-step surface run, drawn

let core;
const fingerprintOf = (hash) => core.run(parse(hash).preset).fingerprint;
const $text = (page, id) => page.evaluate((i) => document.getElementById(i).textContent, id);

// A page opened at url (any hash), recording errors; waits for the app.
async function openAt(browser, url) {
  const opened = await newPage(browser);
  await opened.page.goto(url);
  await opened.page.waitForSelector('#controls select', { state: 'attached' });
  return opened;
}

// What the page shows of the run: the progress and the loss curve's length.
const progressState = (page) => page.evaluate(() => ({
  text: document.getElementById('progress-text').textContent,
  value: document.getElementById('progress-bar').value,
  visible: !document.getElementById('progress').hidden,
  points: window.Chart?.getChart('loss-chart')?.data.datasets[0]?.data.length ?? 0,
  fingerprint: document.getElementById('fingerprint').textContent,
  note: document.getElementById('run-note').hidden ? null : document.getElementById('run-note').textContent,
}));

// Clicks Stop (a real click when it shows, else the button's click(), as
// at any moment). → { latency: ms from the click to the page saying
// "stopped" (null if it never does: the run was over), handler: ms the
// click's own handlers took }, as the page's own clock measures them.
async function stopNow(page, { real = true } = {}) {
  await page.evaluate((limit) => {
    const button = document.getElementById('stop'), fp = document.getElementById('fingerprint');
    let clicked = 0;
    window.__handler = null;
    button.addEventListener('click', () => { clicked = performance.now(); }, { capture: true, once: true });
    // added after the page's own listener, so it runs after it
    button.addEventListener('click', () => { window.__handler = performance.now() - clicked; }, { once: true });
    window.__stopped = new Promise((resolve) => {
      const obs = new MutationObserver(() => {
        if (clicked && fp.textContent === 'stopped') { obs.disconnect(); resolve(performance.now() - clicked); }
      });
      obs.observe(fp, { childList: true, characterData: true, subtree: true });
      setTimeout(() => { obs.disconnect(); resolve(null); }, 4 * limit);
    });
  }, STOP_LIMIT_MS);
  await (real ? page.click('#stop') : page.evaluate(() => document.getElementById('stop').click()));
  return page.evaluate(async () => ({ latency: await window.__stopped, handler: window.__handler }));
}

describe('the page at the limits', () => {
  let server, browser;
  before(async () => {
    core = await loadCore();
    server = await serve();
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  // Long tasks are wall time: on a shared, busy machine another process can
  // stretch one, so the run is watched up to three times (a fresh page each)
  // and the best attempt must stay within TASK_LIMIT_MS (each is printed).
  it('stops the heaviest preset at once; the page stays responsive', async () => {
    let page, context, problems;
    const attempts = [];
    for (let k = 0; k < 3; k++) {
      await context?.close();
      ({ page, context, problems } = await openAt(browser, `${server.url}#${HEAVIEST}`));
      await page.waitForSelector('#progress:not([hidden])', { timeout: 30000 });
      await page.waitForFunction(() => document.getElementById('progress-bar').value > 0, null, { timeout: 30000 });
      const watch = await watchMainThread(page);
      // running: the step count moves
      const running = await progressState(page);
      await page.waitForFunction((t) => document.getElementById('progress-text').textContent !== t, running.text, { timeout: 10000 });
      assert.equal(running.fingerprint, 'computing…');
      await page.waitForTimeout(500);

      const { latency, handler } = await stopNow(page);
      const stopped = await progressState(page);
      await page.waitForTimeout(STOP_LIMIT_MS);
      const later = await progressState(page);
      const w = await watch.stop();
      const step = Number(/^Stopped at step (\d+) of 100000\b/.exec(stopped.note ?? '')?.[1]);
      console.log(`# ${HEAVIEST}: stopped at step ${step}, ${latency?.toFixed(1)} ms from the click to "stopped" ` +
        `(its handler ${handler.toFixed(1)} ms); ` +
        `main thread while it ran, stopped and after: longest task ${w.longtasks ? `${w.maxTask.toFixed(0)} ms` : 'n/a'}, ` +
        `longest frame gap ${w.maxGap.toFixed(0)} ms over ${w.frames} frames`);
      assert.ok(latency !== null && latency < STOP_LIMIT_MS, `Stop took ${latency?.toFixed(0) ?? 'too long'} ms`);
      assert.ok(handler < TASK_LIMIT_MS, `Stop's click handler took ${handler.toFixed(0)} ms`);
      assert.ok(step >= 1, `run note: ${stopped.note}`);
      assert.equal(stopped.fingerprint, 'stopped');
      assert.equal(stopped.visible, false, 'the progress bar went away');
      assert.deepEqual(later, stopped, 'the run moved on after Stop');
      assert.deepEqual(problems, []);
      // without longtask entries, a frame gap of the limit + one frame is the same limit
      attempts.push(w.longtasks ? w.maxTask : w.maxGap - 17);
      if (attempts.at(-1) <= TASK_LIMIT_MS) break;
    }
    assert.ok(Math.min(...attempts) <= TASK_LIMIT_MS, `the main thread blocked for ${attempts.join(', ')} ms`);

    // another control: the link changes at once, and the fresh worker runs it
    const clicked = await page.evaluate(() => performance.now());
    await page.selectOption('#key-opt', 'adam');
    const hashMs = await page.evaluate(async (t0) => {
      while (!/[#&]opt=adam(&|$)/.test(location.hash)) await new Promise(requestAnimationFrame);
      return performance.now() - t0;
    }, clicked);
    await page.waitForFunction(() => document.getElementById('progress-bar').value > 0, null, { timeout: 30000 });
    console.log(`# then opt=adam in the link ${hashMs.toFixed(0)} ms after the select, and running again`);
    assert.ok(hashMs < STOP_LIMIT_MS, `the link changed ${hashMs.toFixed(0)} ms after the select`);
    // and that run stops too
    const again = (await stopNow(page)).latency;
    assert.ok(again !== null && again < STOP_LIMIT_MS, `the second Stop took ${again ?? 'too long'} ms`);
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('stops at any moment of a run and runs the next preset', async () => {
    const { page, context, problems } = await openAt(browser, `${server.url}#${QUICK}`);
    await page.waitForFunction((fp) => document.getElementById('fingerprint').textContent === fp, fingerprintOf(QUICK), { timeout: 30000 });
    // a fixed pseudo-random sequence of delays (mulberry32), so a failure repeats
    let seed = 20240611;
    const random = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
    };
    const outcomes = [];
    for (let k = 0; k < 8; k++) {
      const hash = `${k % 2 ? SHORT_HEAVY : HEAVIEST}&seed=${k + 2}`;
      const delay = Math.round(1500 * random());
      await page.evaluate((h) => { location.hash = h; }, hash);
      await page.waitForTimeout(delay);
      const { latency } = await stopNow(page, { real: false });
      const s = await progressState(page);
      await page.waitForTimeout(200);
      assert.deepEqual(await progressState(page), s, `${hash}: the run moved on after Stop at ${delay} ms`);
      // the heaviest never finishes here (nor is it run in Node: half an hour)
      if (k % 2 && s.fingerprint === fingerprintOf(hash)) outcomes.push(`${delay} ms: finished`);
      else {
        assert.equal(s.fingerprint, 'stopped', `${hash} stopped at ${delay} ms ${problems.join('; ')}`);
        assert.match(s.note ?? '', /^Stopped at step \d+ of (100000|3)\b/);
        assert.equal(s.visible, false);
        assert.ok(latency !== null && latency < STOP_LIMIT_MS, `Stop took ${latency?.toFixed(0) ?? 'too long'} ms`);
        outcomes.push(`${delay} ms: ${/step \d+/.exec(s.note)[0]} (${latency.toFixed(1)} ms)`);
      }
    }
    console.log(`# Stop after random delays: ${outcomes.join(', ')}`);
    // while the worker computes the finished run's grids (one piece, about
    // a second for this model): after the progress of its one update
    const last = 'v=1&problem=mlp&n=10000&hidden=64,64,64&steps=1';
    await page.evaluate((h) => { location.hash = h; }, last);
    await page.waitForFunction(() => document.getElementById('progress-text').textContent === 'step 1 of 1', null, { timeout: 30000 });
    await page.waitForTimeout(250);
    const { latency } = await stopNow(page, { real: false });
    const s = await progressState(page);
    console.log(`# Stop during the final grids: ${latency?.toFixed(1)} ms; ${s.note}`);
    assert.equal(s.fingerprint, 'stopped', 'the run was over before the stop: no Stop during its grids');
    assert.match(s.note ?? '', /^Stopped at step \d of 1\b/);
    assert.ok(latency !== null && latency < STOP_LIMIT_MS, `Stop took ${latency?.toFixed(0) ?? 'too long'} ms`);
    // the page still runs: a data preset in the fresh worker, then a surface
    await page.evaluate((h) => { location.hash = h; }, QUICK);
    await page.waitForFunction((fp) => document.getElementById('fingerprint').textContent === fp, fingerprintOf(QUICK), { timeout: 30000 });
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('runs steps=100000 on a surface, whole, on the main thread (measured)', async () => {
    const { page, context, problems } = await openAt(browser, `${server.url}#v=1&problem=quadratic`);
    await page.waitForFunction(() => /^[0-9a-f]{16}$/.test(document.getElementById('fingerprint').textContent));
    const watch = await watchMainThread(page);
    const ms = await page.evaluate((h) => {
      const t0 = performance.now();
      location.hash = h;
      return new Promise((resolve) => addEventListener('hashchange', () => resolve(performance.now() - t0), { once: true }));
    }, SURFACE_LONG);
    await page.waitForFunction((fp) => document.getElementById('fingerprint').textContent === fp, fingerprintOf(SURFACE_LONG));
    const w = await watch.stop();
    console.log(`# ${SURFACE_LONG}: shown ${ms.toFixed(0)} ms after the link changed; longest main-thread task ` +
      `${w.longtasks ? `${w.maxTask.toFixed(0)} ms` : 'n/a'} (no cap, no Stop: surfaces run on the page)`);
    assert.match(await $text(page, 'summary'), /in 100000 steps/);
    // drawing every one of the 100001 path points once took 18 s of raster
    assert.ok((w.longtasks ? w.maxTask : w.maxGap - 17) < SURFACE_LIMIT_MS, `the main thread blocked for ${w.maxTask} ms`);
    assert.deepEqual(problems, []);
    await context.close();
  });
});
