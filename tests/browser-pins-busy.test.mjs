// Surface pins beside a long data run leave the page free (#16 item 3), in
// Chromium: the current run problem=mlp&n=2000&hidden=16&opt=adam&
// steps=100000 streams in (a snapshot every 100 ms) beside 5 pins of
// problem=rosenbrock&opt=adam&steps=100000. Each snapshot used to turn the
// pins' 500,000 points into arrays and thin them again (11.6 s of 12 s in
// long tasks, input waiting up to 640 ms); now each pin is thinned once per
// chart width (web/thin.js: the chart gets the very same points at every
// snapshot), only the current run's partial curve changes, and a snapshot
// is drawn once the last drawing's fourfold time is over. The measure:
// PerformanceObserver 'longtask' over 10 s of the run, with a click every
// 250 ms (Event Timing gives its delay). Long tasks are wall time, and the
// machine's 2 cores are shared: up to three attempts, the best must spend
// under a quarter of the time in long tasks (every attempt is printed).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inBrowser, newPage } from './lib/browser.mjs';

const CURRENT = 'v=1&problem=mlp&n=2000&hidden=16&opt=adam&steps=100000';
const PINS = ['0.001', '0.002', '0.005', '0.01', '0.02'].map((lr) => `&pin=${encodeURIComponent(`v=1&problem=rosenbrock&opt=adam&lr=${lr}&steps=100000`)}`).join('');
const WINDOW_MS = 10000, SHARE = 0.25;

async function attempt(env) {
  const { page, context, problems } = await newPage(env.browser, { viewport: { width: 1280, height: 800 } });
  await page.goto(`${env.server.url}#v=1&problem=rosenbrock`);
  await page.waitForFunction(() => /^[0-9a-f]{16}$/.test(document.getElementById('fingerprint')?.textContent ?? ''));
  await page.waitForTimeout(1500); // the lessons and the tools are built after the first chart
  const box = await page.locator('h1').boundingBox();
  await page.evaluate((hash) => { location.hash = hash; }, `${CURRENT}${PINS}`);
  // the current run's first snapshot beside the 5 pins
  await page.waitForFunction(() => {
    const sets = window.Chart.getChart('loss-chart').data.datasets;
    return sets.length === 6 && sets[0].data.length > 1 && document.getElementById('fingerprint').textContent === 'computing…';
  }, null, { timeout: 30000 });
  await page.evaluate(() => {
    const w = { tasks: [], delays: [], t0: performance.now() };
    w.tasksObserver = new PerformanceObserver((l) => w.tasks.push(...l.getEntries().map((e) => e.duration)));
    w.tasksObserver.observe({ type: 'longtask' });
    w.eventsObserver = new PerformanceObserver((l) => w.delays.push(...l.getEntries().filter((e) => e.name === 'pointerdown' || e.name === 'click').map((e) => e.processingStart - e.startTime)));
    w.eventsObserver.observe({ type: 'event', durationThreshold: 16 });
    const sets = window.Chart.getChart('loss-chart').data.datasets;
    w.pinData = sets.slice(1).map((d) => d.data);
    w.partial = sets[0].data;
    window.__busy = w;
  });
  const bar0 = await page.evaluate(() => document.getElementById('progress-bar').value);
  const end = Date.now() + WINDOW_MS;
  while (Date.now() < end) {
    await page.mouse.click(box.x + 5 + Math.random() * (box.width - 10), box.y + box.height / 2);
    await page.waitForTimeout(250);
  }
  const w = await page.evaluate(() => {
    const w = window.__busy;
    w.tasksObserver.takeRecords().forEach((e) => w.tasks.push(e.duration));
    w.tasksObserver.disconnect();
    w.eventsObserver.disconnect();
    const sets = window.Chart.getChart('loss-chart').data.datasets;
    return {
      ms: performance.now() - w.t0, count: w.tasks.length, blocked: w.tasks.reduce((a, b) => a + b, 0), longest: Math.max(0, ...w.tasks),
      delay: Math.max(0, ...w.delays), clicks: w.delays.length, median: [...w.delays].sort((a, b) => a - b)[w.delays.length >> 1] ?? 0,
      samePins: sets.length === 6 && sets.slice(1).every((d, i) => d.data === w.pinData[i]),
      moved: sets[0].data !== w.partial, done: /^[0-9a-f]{16}$/.test(document.getElementById('fingerprint').textContent),
    };
  });
  w.progressed = (await page.evaluate(() => document.getElementById('progress-bar').value)) > bar0 || w.done;
  assert.deepEqual(problems, []);
  await context.close();
  return w;
}

describe('a long data run beside 5 surface pins (Chromium)', { timeout: 300000 }, () => {
  const env = inBrowser();

  it(`spends under ${SHARE * 100}% of the time in long tasks while it streams in`, async () => {
    const attempts = [];
    for (let k = 0; k < 3; k++) {
      const w = await attempt(env);
      attempts.push(w);
      console.log(`# attempt ${k + 1}: ${w.count} long tasks, ${(w.blocked / 1000).toFixed(2)} s of ${(w.ms / 1000).toFixed(2)} s blocked ` +
        `(${((100 * w.blocked) / w.ms).toFixed(0)}%), longest ${w.longest.toFixed(0)} ms, input delay up to ${w.delay.toFixed(0)} ms` +
        ` (${w.clicks} clicks over 16 ms, median delay ${w.median.toFixed(0)} ms)${w.done ? ', the run ended in the window' : ''}`);
      // the run streamed on, its curve redrawn, the pins' points the same arrays
      assert.ok(w.progressed && w.moved, 'the current run streams in');
      assert.ok(w.samePins, 'the pins\' points are thinned once, not per snapshot');
      if (w.blocked < SHARE * w.ms) break;
    }
    const best = attempts.reduce((a, b) => (b.blocked / b.ms < a.blocked / a.ms ? b : a));
    assert.ok(best.blocked < SHARE * best.ms, `${(best.blocked / 1000).toFixed(2)} s of ${(best.ms / 1000).toFixed(2)} s in long tasks`);
  });
});
