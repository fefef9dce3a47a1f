// Where no worker may start (file://, a sandboxed iframe; here: a page whose
// Worker constructor is gone), a large data run computes on the page's main
// thread, in chunks, and so do its final pictures (the landscape a row at a
// time, the playback frames one by one: web/grids.js), so that no task
// blocks the page for long (#16: the final grids used to take 0.6 to 0.75 s
// in one call). The run is the one a worker computes: the same fingerprint.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { inBrowser, newPage, watchMainThread } from './lib/browser.mjs';

const CLI = new URL('../web/cli.mjs', import.meta.url).pathname;
const HEAVY = 'v=1&problem=mlp&n=10000&hidden=64,64,64&opt=adam&lr=0.01&steps=40';
// One full-batch step of this preset (8,000 rows through 64,64,64) is one
// chunk, the smallest there is: about 140 ms here; a row of the landscape
// (31 evaluations of 1,024 rows) about 90 ms. Before the grids came in
// pieces, their one call took 600 to 870 ms.
const TASK_LIMIT_MS = 250;

describe('no worker: a large data run on the main thread', () => {
  const env = inBrowser();

  it(`${HEAVY}: no long task, the pictures drawn, the CLI's fingerprint`, async () => {
    const { page, context, problems } = await newPage(env.browser, { init: () => { window.Worker = undefined; } });
    await page.goto(`${env.server.url}#v=1&problem=rosenbrock`);
    await page.waitForFunction(() => /^[0-9a-f]{16}$/.test(document.getElementById('fingerprint')?.textContent ?? ''));
    await page.waitForTimeout(1500); // the lessons and the tools are built after the first chart
    const watch = await watchMainThread(page);
    await page.evaluate((hash) => { location.hash = hash; }, HEAVY);
    const fp = await page.waitForFunction((old) => {
      const f = document.getElementById('fingerprint').textContent;
      return /^[0-9a-f]{16}$/.test(f) && f !== old ? f : null;
    }, await page.textContent('#fingerprint'), { timeout: 180000 }).then((h) => h.jsonValue());
    const w = await watch.stop();
    const want = JSON.parse(execFileSync(process.execPath, [CLI, 'run', HEAVY], { encoding: 'utf8', maxBuffer: 1 << 28 })).fingerprint;
    assert.equal(fp, want);
    // the map and the path are drawn
    assert.match(await page.getAttribute('#model-plot', 'aria-label'), /accuracy/);
    const blocked = w.longtasks ? w.maxTask : w.maxGap - 17;
    console.log(`longest task while it ran and drew: ${blocked.toFixed(0)} ms (${w.frames} frames)`);
    assert.ok(blocked < TASK_LIMIT_MS, `the main thread blocked for ${blocked.toFixed(0)} ms`);
    assert.deepEqual(problems, []);
    await context.close();
  });
});
