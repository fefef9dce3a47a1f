// The page in real Chromium (Debian's, via playwright-core): it loads cleanly,
// shows the same fingerprint as Node, reports divergence, follows its
// controls into the URL, shrugs off a hostile hash, fits a phone.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { loadCore } from '../web/core.js';
import { parse } from '../web/preset.js';
import { LESSONS, lessonHash } from '../web/lessons.js';
import { launch, open, serve, watchMainThread } from './lib/browser.mjs';

const ARTIFACTS = new URL('../test-artifacts/', import.meta.url).pathname;
const CLI = new URL('../web/cli.mjs', import.meta.url).pathname;
const PHONE = { width: 360, height: 740 };
const LONG_DATA = 'v=1&problem=mlp&data=spiral&n=2000&hidden=32,32&opt=adam&lr=0.01&steps=5000';
const DATA = 'v=1&problem=mlp&data=spiral&n=1000&hidden=16,16&opt=adam&lr=0.01&steps=5000';
const fingerprintOf = async (hash) => (await loadCore()).run(parse(hash).preset).fingerprint;
const median = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];

describe('the page in Chromium', () => {
  let server, browser;
  before(async () => {
    server = await serve();
    browser = await launch();
    mkdirSync(ARTIFACTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('loads with no console error, the first chart within two seconds, the same fingerprint as Node', async () => {
    const { page, context, problems } = await open(browser, server.url);
    // the page marks the moment its first charts are drawn; the best of three
    // loads (a fresh page each), so that one busy moment on the machine does
    // not decide it
    const firstChart = (p) => p.evaluate(() => performance.getEntriesByName('lrp:first-chart')[0].startTime);
    const loads = [await firstChart(page)];
    for (let i = 0; i < 2; i++) {
      const again = await open(browser, server.url);
      loads.push(await firstChart(again.page));
      await again.context.close();
    }
    const shown = Math.min(...loads);
    console.log(`first chart ${loads.map((ms) => ms.toFixed(0)).join(', ')} ms after navigation`);
    // a guard against a slower order of start (seconds); a loaded 2-core
    // machine varies by hundreds of ms, so targets belong to npm run bench
    assert.ok(shown < 2000, `the first chart took ${shown.toFixed(0)} ms at best`);
    assert.ok(await page.evaluate(() => document.querySelectorAll('canvas').length >= 3));
    // a fresh page opens the first lesson, whose link it writes
    const expected = (await loadCore()).run(parse(LESSONS[0].preset).preset).fingerprint;
    assert.equal(await page.textContent('#fingerprint'), expected);
    assert.equal(await page.evaluate(() => location.hash), lessonHash(LESSONS[0]));
    await page.screenshot({ path: `${ARTIFACTS}desktop.png`, fullPage: true });
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('opens a preset link with the fingerprint `lr-playground run` prints for it', async () => {
    const hash = 'v=1&problem=rosenbrock&opt=adam&lr=0.02&sched=cosine&steps=300';
    const cli = spawnSync(process.execPath, [CLI, 'run', hash], { encoding: 'utf8', maxBuffer: 1 << 26 });
    assert.equal(cli.status, 0, cli.stderr);
    const { page, context, problems } = await open(browser, `${server.url}#${hash}`);
    assert.equal(await page.textContent('#fingerprint'), JSON.parse(cli.stdout).fingerprint);
    assert.equal(await page.isVisible('#divergence'), false);
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('says where a run diverged', async () => {
    const { page, context, problems } = await open(browser, `${server.url}#v=1&problem=quadratic&cond=100&lr=0.03&steps=100`);
    const text = await page.textContent('#divergence');
    assert.ok(await page.isVisible('#divergence'));
    assert.match(text, /step 13\b/);
    assert.match(text, /smaller learning rate/);
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('re-runs and rewrites the hash when the learning rate changes', async () => {
    const { page, context, problems } = await open(browser, `${server.url}#v=1&problem=quadratic&lr=0.05`);
    const before = await page.textContent('#fingerprint');
    await page.fill('#key-lr', '0.1');
    await page.press('#key-lr', 'Tab');
    await page.waitForFunction((fp) => document.getElementById('fingerprint').textContent !== fp, before);
    assert.match(await page.evaluate(() => location.hash), /[#&]lr=0\.1(&|$)/);
    const expected = (await loadCore()).run(parse('v=1&problem=quadratic&lr=0.1').preset).fingerprint;
    assert.equal(await page.textContent('#fingerprint'), expected);
    // the slider drives the same key
    await page.focus('#lr-slider');
    await page.keyboard.press('ArrowLeft');
    assert.notEqual(await page.evaluate(() => location.hash), '#v=1&problem=quadratic&lr=0.1');
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('sets the start point with a click on the contour plot', async () => {
    const { page, context } = await open(browser, `${server.url}#v=1&problem=quadratic`);
    const box = await page.locator('#path-plot').boundingBox();
    await page.mouse.click(box.x + box.width * 0.7, box.y + box.height * 0.3);
    const hash = await page.evaluate(() => location.hash);
    assert.match(hash, /x0=/);
    assert.match(hash, /y0=/);
    await context.close();
  });

  it('treats a hostile hash as text: a notice, the defaults, nothing injected', async () => {
    const hostile = '#v=1&lr=<script>alert(1)</script>&steps=1e309&__proto__=x&opt=<img src=x onerror=alert(1)>';
    const { page, context, problems, dialogs } = await open(browser, server.url + hostile);
    const notices = await page.textContent('#notices');
    for (const key of ['lr', 'steps', '__proto__', 'opt']) assert.ok(notices.includes(key), `notice names ${key}: ${notices}`);
    assert.equal(await page.textContent('#fingerprint'), (await loadCore()).run(parse('').preset).fingerprint);
    assert.equal(await page.locator('img').count(), 0);
    const scripts = await page.evaluate(() => [...document.scripts].map((s) => s.src || s.textContent.slice(0, 40)));
    assert.ok(scripts.every((s) => /web\/(boot|gen\/(app|chartjs|later))\.js$/.test(s)), scripts.join(' | '));
    await page.waitForTimeout(100);
    assert.deepEqual(dialogs, []);
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('shows data problems: held-out loss and the decision map', async () => {
    const { page, context, problems } = await open(browser, `${server.url}#v=1&problem=mlp&data=moons&opt=adam&lr=0.02&steps=300`);
    assert.ok(await page.isVisible('#model-card'));
    assert.match(await page.textContent('#summary'), /held-out accuracy/);
    // the path and the decision map are this run's, and the playback moves them
    const fp = await page.textContent('#fingerprint');
    await page.waitForFunction((f) => document.getElementById('model-plot').dataset.run === f, fp);
    assert.equal(await page.evaluate(() => document.getElementById('path-plot').dataset.run), fp);
    const image = (id) => page.evaluate((i) => document.getElementById(i).toDataURL(), id);
    const [path, map] = [await image('path-plot'), await image('model-plot')];
    await page.click('#play-start');
    await page.waitForTimeout(50);
    assert.notEqual(await image('path-plot'), path, 'the path at step 0 is the end one');
    assert.notEqual(await image('model-plot'), map, 'the decision map at step 0 is the final one');
    assert.match(await page.textContent('#model-title'), /at step 0$/);
    await page.screenshot({ path: `${ARTIFACTS}desktop-mlp.png`, fullPage: true });
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('fits a 360 px wide phone without horizontal scroll', async () => {
    const { page, context, problems } = await open(browser, `${server.url}#v=1&problem=quadratic&cond=100&lr=0.03&steps=100`, PHONE);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= PHONE.width, `scrollWidth ${width} > ${PHONE.width}`);
    await page.screenshot({ path: `${ARTIFACTS}phone.png`, fullPage: true });
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('runs data problems in a worker: progress, stop, a new change cancels', async () => {
    const { page, context, problems } = await open(browser, server.url);
    await page.evaluate((h) => { location.hash = h; }, LONG_DATA);
    await page.waitForSelector('#progress:not([hidden])');
    await page.waitForFunction(() => document.getElementById('progress-bar').value > 0);
    const first = await page.evaluate(() => document.getElementById('progress-bar').value);
    await page.waitForFunction((v) => document.getElementById('progress-bar').value > v + 0.01, first);
    // the streamed loss curve is drawn before the run ends
    await page.waitForFunction(() => window.Chart?.getChart('loss-chart')?.data.datasets[0]?.data.length > 10);
    assert.equal(await page.textContent('#fingerprint'), 'computing…');
    await page.click('#stop');
    assert.match(await page.textContent('#run-note'), /^Stopped at step \d+ of 5000/);
    assert.equal(await page.textContent('#fingerprint'), 'stopped');
    assert.equal(await page.isVisible('#progress'), false);
    assert.ok(await page.evaluate(() => window.Chart.getChart('loss-chart').data.datasets[0].data.length > 10), 'the partial curve stays');
    // the fresh worker runs the next change; a change mid-run replaces the run
    await page.evaluate((h) => { location.hash = h; }, LONG_DATA);
    await page.waitForSelector('#progress:not([hidden])');
    const short = 'v=1&problem=logreg&lr=0.1&steps=300';
    await page.evaluate((h) => { location.hash = h; }, short);
    // the long run is dropped between two chunks: the short one's result comes at once
    const expected = await fingerprintOf(short);
    await page.waitForFunction((fp) => document.getElementById('fingerprint').textContent === fp, expected, { timeout: 5000 });
    assert.equal(await page.isVisible('#run-note'), false);
    assert.deepEqual(problems, []);
    await context.close();
  });

  // Long tasks are wall time: on a shared, busy machine another process can
  // stretch one, so the run is measured up to three times and the best
  // attempt must stay within 150 ms (every attempt is printed): a run on the
  // main thread, or a chart of every point of it, blocks for far longer.
  // (Alone, the longest task is the decision map's first drawing, 60-80 ms
  // on this 2-core machine; with other jobs running beside it, 100-115 ms.)
  it('keeps the main thread free during a data run', async () => {
    const expected = await fingerprintOf(DATA);
    const attempts = [];
    for (let k = 0; k < 3; k++) {
      const { page, context, problems } = await open(browser, server.url);
      const watch = await watchMainThread(page);
      await page.evaluate((h) => { location.hash = h; }, DATA);
      await page.waitForFunction((fp) => document.getElementById('fingerprint').textContent === fp, expected, { timeout: 60000 });
      const w = await watch.stop();
      await context.close();
      assert.deepEqual(problems, []);
      // without longtask entries, a frame gap of 50 ms + one frame is the same limit
      w.worst = w.longtasks ? w.maxTask : w.maxGap - 17;
      attempts.push(w);
      console.log(`# data run (5000 steps) main thread: longest task ${w.longtasks ? `${w.maxTask.toFixed(1)} ms` : 'n/a (no longtask entries)'}, ` +
        `longest frame gap ${w.maxGap.toFixed(1)} ms over ${w.frames} frames`);
      if (w.worst <= 150) break;
    }
    const best = Math.min(...attempts.map((w) => w.worst));
    assert.ok(best <= 150, `the main thread blocked for ${best} ms in every attempt`);
  });

  it('pins runs, compares lr / 10 and lr x 10 and keeps the pins in the link', async () => {
    const hash = 'v=1&problem=quadratic&lr=0.05';
    const { page, context, problems } = await open(browser, `${server.url}#${hash}`);
    const fp = await page.textContent('#fingerprint');
    await page.click('#pin-lr');
    const url = await page.evaluate(() => location.href);
    const pins = new URL(url).hash.split('&').filter((p) => p.startsWith('pin='));
    // the current run is the middle one: it is not pinned again
    assert.deepEqual(pins.map((p) => decodeURIComponent(p.slice(4))), [`${hash.replace('0.05', '0.005')}`, hash.replace('0.05', '0.5')]);
    assert.match(await page.textContent('#pins'), /lr 0\.005 \/ 0\.05 \/ 0\.5/);
    assert.match(await page.textContent('#pins'), /lr 0\.5 · ✕ diverged at step \d+/);
    assert.equal(await page.textContent('#fingerprint'), fp, 'a pin never changes the fingerprint');
    assert.equal(await page.evaluate(() => window.Chart.getChart('loss-chart').data.datasets.length), 3);
    // three constant rates: said in a line, not drawn as three flat lines
    assert.equal(await page.isVisible('#lr-chart'), false);
    assert.match(await page.textContent('#lr-flat'), /0\.05 here, 0\.005, 0\.5 for the pins/);
    await page.locator('#pins button.unpin').first().click();
    assert.equal((await page.evaluate(() => location.hash)).split('&pin=').length - 1, 1);
    await page.screenshot({ path: `${ARTIFACTS}desktop-compare.png`, fullPage: true });
    // the link brings the pins back
    const link = await page.evaluate(() => location.href);
    const again = await open(browser, link);
    assert.equal(await again.page.locator('#pins li:has(button.unpin)').count(), 1);
    assert.equal(await again.page.textContent('#fingerprint'), fp);
    assert.deepEqual([...problems, ...again.problems], []);
    await again.context.close();
    await context.close();
  });

  it('pins a link\'s valid runs past garbage pins, reads p%69n= as pin=, and names every pin it ignores (issue 16)', async () => {
    const hash = 'v=1&problem=quadratic&lr=0.05';
    // pins 2 to 5 cannot be read, pin 6 repeats pin 1's run in another order
    const garbage = '&pin=%ZZ&pin=v%3D2&pin=&pin=%7B&pin=v%3D1%26lr%3D0.3%26problem%3Dquadratic';
    const { page, context, problems } = await open(browser, `${server.url}#${hash}&pin=v%3D1%26problem%3Dquadratic%26lr%3D0.3${garbage}` +
      '&pin=v%3D1%26problem%3Dquadratic%26lr%3D0.1&p%69n=v%3D1%26problem%3Dquadratic%26lr%3D0.02');
    const notices = await page.textContent('#notices');
    for (const k of [2, 3, 4, 5, 6]) assert.match(notices, new RegExp(`pin ${k}\\b`), notices);
    assert.match(notices, /pin 6: the same run as pin 1; ignored/);
    assert.equal(await page.locator('#pins li:has(button.unpin)').count(), 3);
    const pins = (await page.evaluate(() => location.hash)).split('&').filter((p) => p.startsWith('pin=')).map((p) => decodeURIComponent(p.slice(4)));
    assert.deepEqual(pins, ['0.3', '0.1', '0.02'].map((lr) => hash.replace('0.05', lr)));
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('a link whose batch exceeds the training points: a notice naming batch, the full batch, every other setting kept (issue 16)', async () => {
    const { page, context, problems } = await open(browser, `${server.url}#v=1&problem=mlp&n=10&holdout=0.5&batch=10&opt=adam&lr=0.05&steps=50`);
    const kept = 'v=1&problem=mlp&n=10&holdout=0.5&opt=adam&lr=0.05&steps=50';
    await page.waitForFunction((fp) => document.getElementById('fingerprint').textContent === fp, await fingerprintOf(kept));
    assert.match(await page.textContent('#notices'), /batch = "10": must be <= 5, the training points \(10 less the 5 held out\); 0 is the full batch/);
    const controls = await page.evaluate(() => Object.fromEntries(['n', 'holdout', 'batch', 'lr', 'opt', 'steps'].map((k) => [k, document.getElementById(`key-${k}`).value])));
    assert.deepEqual(controls, { n: '10', holdout: '0.5', batch: '0', lr: '0.05', opt: 'adam', steps: '50' });
    assert.equal(await page.evaluate(() => location.hash), `#${kept}`);
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('opens every lesson with a click, with the fingerprint Node computes', async () => {
    const { page, context, problems } = await open(browser, server.url);
    assert.equal(await page.locator('#lessons a.lesson').count(), LESSONS.length);
    for (const lesson of LESSONS) {
      const before = await page.textContent('#fingerprint');
      await page.click(`#lessons a.lesson[href="${lessonHash(lesson)}"]`);
      const expected = await fingerprintOf(lesson.preset);
      if (expected !== before) await page.waitForFunction((fp) => document.getElementById('fingerprint').textContent === fp, expected);
      assert.equal(await page.textContent('#fingerprint'), expected, lesson.title);
      assert.ok((await page.evaluate(() => location.hash)).startsWith(`#${lesson.preset}`), lesson.title);
      assert.equal(await page.locator('#pins li:has(button.unpin)').count(), (lesson.pins ?? []).length, lesson.title);
    }
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('exports each chart as PNG', async () => {
    const { page, context, problems } = await open(browser, server.url);
    for (const name of ['loss', 'lr', 'path']) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.click(`button.png[data-name="${name}"]`)]);
      assert.match(download.suggestedFilename(), new RegExp(`^lr-playground-[0-9a-f]{16}-${name}\\.png$`));
    }
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('paints an lr change quickly (input to the next frame)', async () => {
    const { page, context, problems } = await open(browser, server.url);
    const times = await page.evaluate(async () => {
      const field = document.getElementById('key-lr'), fp = document.getElementById('fingerprint');
      const frame = () => new Promise((r) => requestAnimationFrame(r));
      const out = [];
      for (let i = 0; i < 10; i++) {
        await frame();
        await frame();
        const before = fp.textContent;
        field.value = String(0.0011 + 0.0001 * i);
        const t0 = performance.now();
        field.dispatchEvent(new Event('input', { bubbles: true }));
        if (fp.textContent === before) throw new Error('the charts did not update');
        await frame();
        out.push(performance.now() - t0);
      }
      return out;
    });
    const m = median(times);
    console.log(`# input-to-paint (default preset, median of 10): ${m.toFixed(1)} ms [${times.map((t) => t.toFixed(1)).join(', ')}]`);
    assert.ok(m < 100, `median input-to-paint ${m} ms`);
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('keeps the learning rate at hand on a phone', async () => {
    const { page, context, problems } = await open(browser, server.url, PHONE);
    assert.ok(await page.isVisible('#lr-bar #lr-slider'));
    // the first chart starts within the first screen
    const chart = await page.locator('#path-plot').boundingBox();
    assert.ok(chart.y < PHONE.height - 100, `the first chart starts at ${chart.y} px`);
    await page.evaluate(() => window.scrollTo(0, 1500));
    const box = await page.locator('#lr-bar').boundingBox();
    assert.ok(box && box.y >= 0 && box.y < 80, `the lr bar stays at the top: ${JSON.stringify(box)}`);
    await page.fill('#key-lr', '0.002');
    await page.press('#key-lr', 'Tab');
    assert.match(await page.evaluate(() => location.hash), /[#&]lr=0\.002(&|$)/);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= PHONE.width, `scrollWidth ${width} > ${PHONE.width}`);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${ARTIFACTS}phone-top.png` });
    await page.click('#pin-lr');
    await page.screenshot({ path: `${ARTIFACTS}phone-compare.png`, fullPage: true });
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= PHONE.width);
    assert.deepEqual(problems, []);
    await context.close();
  });
  describe('the learning-rate tools', () => {
    const Q10 = 'v=1&problem=quadratic&cond=10&opt=sgd';

    it('sweeps in workers: divergence above 2/10, convergence below, the CLI\'s numbers, the 2/λ marker', async () => {
      const { page, context, problems } = await open(browser, `${server.url}#${Q10}`);
      assert.equal((await page.textContent('#lr-edge')).trim(), 'GD stable below 0.2');
      const watch = await watchMainThread(page);
      await page.click('#tool-sweep');
      await page.waitForFunction(() => !document.getElementById('sweep-card').hidden, null, { timeout: 60000 });
      const main = await watch.stop();
      console.log(`# sweep in the page: ${await page.textContent('#sweep-note')} (longest main-thread task ${main.maxTask.toFixed(0)} ms)`);
      const sets = await page.evaluate(() => Chart.getChart(document.getElementById('sweep-chart')).data.datasets
        .map((d) => ({ label: d.label, xs: d.data.map((p) => p.x) })));
      const diverged = sets.find((d) => d.label === 'diverged').xs;
      const converged = sets.find((d) => d.label === 'final loss').xs;
      assert.ok(diverged.length > 0 && converged.length > 0);
      assert.ok(diverged.every((lr) => lr > 0.2), `diverged at ${diverged}`);
      assert.ok(converged.every((lr) => lr < 0.2), `converged at ${converged}`);
      assert.equal(diverged.length + converged.length, 24);
      assert.equal(await page.evaluate(() => window.lrpTools.edge.toFixed(6)), '0.200000');
      // the CLI's sweep of the same preset and rates: the same final losses
      const cli = spawnSync(process.execPath, [CLI, 'sweep', Q10, '--lrs', '1e-5:10:24'], { encoding: 'utf8', maxBuffer: 1 << 26 });
      assert.equal(cli.status, 0, cli.stderr);
      const fromCli = JSON.parse(cli.stdout);
      const fromPage = await page.evaluate(() => window.lrpTools.sweep);
      // the rates are short decimals, so they are the same to the bit too
      // (unrounded, Chromium's and Node's Math.pow may differ in the last bit)
      const rows = (results) => results.map((r) => [r.lr, r.preset, r.final_loss, r.best_loss, r.diverged_at, r.fingerprint]);
      assert.deepEqual(rows(fromPage.results), rows(fromCli.results));
      assert.deepEqual(fromPage.best, fromCli.best, 'the same recommendation');
      assert.deepEqual(fromPage.fragile, fromCli.fragile);
      assert.equal(await page.evaluate(() => window.lrpToolWorkers), 0, 'the pool is gone');
      await page.locator('#tools').screenshot({ path: `${ARTIFACTS}tools-sweep.png` });
      assert.deepEqual(problems, []);
      await context.close();
    });

    it('charts sharpness along the run against 2 / lr; the sweep has small multiples', async () => {
      const { page, context, problems } = await open(browser, `${server.url}#${Q10}&lr=0.19`);
      await page.click('#tool-edge');
      await page.waitForSelector('#edge-card:not([hidden])', { timeout: 60000 });
      assert.match(await page.textContent('#edge-note'), /stable while sharpness stays below 2\/lr/);
      const sets = await page.evaluate(() => Object.fromEntries(Chart.getChart(document.getElementById('edge-chart')).data.datasets
        .map((d) => [d.label, d.data.map((p) => p.y)])));
      const sharp = sets['sharpness λmax'], twoOverLr = sets['2 / lr'];
      assert.ok(sharp.length > 100, `${sharp.length} points`);
      // 2 / lambda_max = 0.2: lambda_max = 10 at every step, below 2 / 0.19 = 10.53
      assert.ok(sharp.every((y) => Math.abs(y - 10) < 1e-3), `sharpness ${sharp.slice(0, 5)}`);
      assert.ok(twoOverLr.length > 100 && twoOverLr.every((y) => Math.abs(y - 2 / 0.19) < 1e-4), `2/lr ${twoOverLr.slice(0, 5)}`);
      await page.click('#tool-sweep');
      await page.waitForFunction(() => !document.getElementById('sweep-card').hidden, null, { timeout: 60000 });
      assert.equal(await page.locator('#sweep-multiples button.multiple canvas').count(), 24);
      const diverged = await page.locator('#sweep-multiples button.multiple.diverged').count();
      const sweep = (await page.evaluate(() => window.lrpTools.sweep)).results;
      assert.equal(diverged, sweep.filter((r) => r.diverged_at !== null).length);
      assert.ok(diverged > 0 && diverged < 24);
      // clicking a multiple loads its run: the very rate and fingerprint
      const lr = Number(await page.getAttribute('#sweep-multiples button.multiple >> nth=5', 'data-lr'));
      await page.click('#sweep-multiples button.multiple >> nth=5');
      await page.waitForFunction(() => /[#&]lr=/.test(location.hash) && !/[#&]lr=0\.19(&|$)/.test(location.hash));
      const hashLr = Number(/[#&]lr=([^&]+)/.exec(await page.evaluate(() => location.hash))[1]);
      assert.equal(hashLr, lr);
      await page.waitForFunction((fp) => document.getElementById('fingerprint').textContent === fp, sweep[5].fingerprint);
      await page.locator('#tools').screenshot({ path: `${ARTIFACTS}tools-edge-multiples.png` });
      assert.deepEqual(problems, []);
      await context.close();
    });

    it('cancels a sweep and leaves no sweep worker running', async () => {
      const { page, context, problems } = await open(browser, `${server.url}#${DATA}`);
      await page.waitForFunction(() => window.lrpTools.edge > 0);
      const before = await page.evaluate(() => window.lrpToolWorkers);
      await page.click('#tool-sweep');
      await page.waitForSelector('#sweep-progress:not([hidden])');
      assert.ok(await page.evaluate(() => window.lrpToolWorkers) > before);
      await page.click('#sweep-cancel');
      assert.equal(await page.evaluate(() => window.lrpToolWorkers), before);
      assert.ok(await page.isHidden('#sweep-progress'));
      assert.match(await page.textContent('#tool-status'), /cancelled/);
      assert.ok(await page.isEnabled('#tool-sweep'));
      assert.deepEqual(problems, []);
      await context.close();
    });

    it('cancels tuning and the range test at once, ending their worker', async () => {
      // a model large enough that neither tool can finish before the click
      const heavy = 'v=1&problem=mlp&n=10000&hidden=64,64,64';
      const { page, context, problems } = await open(browser, `${server.url}#${heavy}`);
      await page.waitForFunction(() => window.lrpTools.edge > 0);
      for (const tool of ['#tool-tune', '#tool-find']) {
        await page.click(tool);
        assert.ok(await page.isVisible('#tool-cancel'));
        assert.ok(await page.isDisabled('#tool-sweep'));
        await page.click('#tool-cancel');
        assert.equal(await page.textContent('#tool-status'), 'Cancelled.');
        assert.equal(await page.evaluate(() => window.lrpToolWorkers), 0);
        assert.ok(await page.isHidden('#tool-cancel'));
        assert.ok(await page.isEnabled('#tool-sweep'));
      }
      // the next tool starts a fresh worker and finishes
      await page.click('#tool-find');
      await page.waitForFunction(() => document.getElementById('find-apply').children.length > 0, null, { timeout: 60000 });
      assert.deepEqual(problems, []);
      await context.close();
    });

    it('finds the rates `lr-playground find` suggests; tunes to the loss and rate `lr-playground tune` finds', async () => {
      const hash = 'v=1&problem=rosenbrock&opt=adam&lr=0.02&steps=300';
      const cliJson = (...args) => {
        const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
        assert.equal(r.status, 0, r.stderr);
        return JSON.parse(r.stdout);
      };
      const close = (a, b, what) => assert.ok(a === b || Math.abs(a - b) <= 1e-12 * Math.abs(b), `${what}: page ${a}, CLI ${b}`);
      const { page, context, problems } = await open(browser, `${server.url}#${hash}`);
      // the finder: every suggestion the CLI makes, the page makes (to 1e-12)
      await page.click('#tool-find');
      await page.waitForSelector('#find-apply button.apply-valley', { timeout: 60000 });
      const fromPage = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('#find-apply button')]
        .map((b) => [b.className.replace(/^apply-| secondary$/g, ''), Number(b.dataset.lr)])));
      const fromCli = Object.fromEntries(Object.entries(cliJson('find', hash).picks).map(([k, v]) => [k, v.lr]));
      assert.deepEqual(Object.keys(fromPage).sort(), Object.keys(fromCli).sort());
      for (const [k, v] of Object.entries(fromCli)) close(fromPage[k], v, `suggestion ${k}`);
      // tuning with the page's options (24 trials, halving, the preset's seed, the rate only)
      assert.deepEqual(await page.evaluate(() => [...document.querySelectorAll('#tune-search label:not([hidden]) input')].map((b) => b.value)),
        ['lr', 'b1', 'b2', 'sched'], 'adam: momentum does not apply');
      const tuneOnce = async () => {
        const before = await page.evaluate(() => window.lrpTools.tune);
        await page.click('#tool-tune');
        await page.waitForFunction((b) => JSON.stringify(window.lrpTools.tune) !== b, JSON.stringify(before), { timeout: 60000 });
        return page.evaluate(() => window.lrpTools.tune);
      };
      const t1 = await tuneOnce();
      const c1 = cliJson('tune', hash, '--trials', '24', '--method', 'halving');
      assert.deepEqual(t1.searched, ['lr']);
      close(t1.best.loss, c1.best.loss, 'best loss');
      close(t1.best.settings.lr, c1.best.settings.lr, 'best lr');
      assert.equal(await page.locator('#slice-panels .slice-panel canvas').count(), 1);
      // search b1 and b2 too: one slice panel per searched setting, the CLI's numbers
      await page.check('#tune-search-b1');
      await page.check('#tune-search-b2');
      const t2 = await tuneOnce();
      const c2 = cliJson('tune', hash, '--trials', '24', '--method', 'halving', '--search', 'lr,b1,b2');
      assert.deepEqual(t2.searched, ['lr', 'b1', 'b2']);
      close(t2.best.loss, c2.best.loss, 'best loss (lr, b1, b2)');
      for (const k of ['lr', 'b1', 'b2']) close(t2.best.settings[k], c2.best.settings[k], `best ${k}`);
      assert.ok(await page.isVisible('#slice-card'));
      assert.deepEqual(await page.evaluate(() => [...document.querySelectorAll('#slice-panels .slice-panel')].map((d) => d.dataset.setting)), ['lr', 'b1', 'b2']);
      const panels = await page.evaluate(() => [...document.querySelectorAll('#slice-panels canvas')].map((c) => {
        const ch = Chart.getChart(c);
        return { x: ch.options.scales.x.type, n: ch.data.datasets[0].data.length };
      }));
      assert.deepEqual(panels.map((p) => p.x), ['logarithmic', 'linear', 'linear']);
      const finite = t2.history.filter((h) => Number.isFinite(h.loss) && h.loss > 0).length;
      assert.ok(panels.every((p) => p.n === finite && p.n > 0), JSON.stringify(panels));
      await page.locator('#tools').screenshot({ path: `${ARTIFACTS}tools-tune-slices.png` });
      assert.deepEqual(problems, []);
      await context.close();
    });

    it('finds a rate, applies a suggestion into the hash, tunes', async () => {
      const { page, context, problems } = await open(browser, `${server.url}#${Q10}&lr=0.001`);
      await page.click('#tool-find');
      await page.waitForSelector('#find-apply button.apply-valley');
      const labels = await page.evaluate(() => Chart.getChart(document.getElementById('find-chart')).data.datasets.map((d) => d.label));
      assert.deepEqual(labels.slice(0, 2), ['smoothed loss', 'valley (default)']);
      const lr = Number(await page.getAttribute('#find-apply button.apply-valley', 'data-lr'));
      assert.ok(lr > 0 && lr < 0.2, `valley ${lr}`);
      const before = await page.textContent('#fingerprint');
      await page.click('#find-apply button.apply-valley');
      await page.waitForFunction((fp) => document.getElementById('fingerprint').textContent !== fp, before);
      const hashLr = Number(/[#&]lr=([^&]+)/.exec(await page.evaluate(() => location.hash))[1]);
      assert.equal(hashLr, lr);
      await page.click('#tool-tune');
      await page.waitForSelector('#tune-card:not([hidden])', { timeout: 60000 });
      await page.click('#tune-apply');
      assert.match(await page.textContent('#tune-apply'), /Apply best: lr /);
      await page.locator('#tools').screenshot({ path: `${ARTIFACTS}tools-find-tune.png` });
      await page.setViewportSize(PHONE);
      await page.click('#tool-sweep');
      await page.waitForFunction(() => !document.getElementById('sweep-card').hidden, null, { timeout: 60000 });
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= PHONE.width);
      await page.locator('#tools').screenshot({ path: `${ARTIFACTS}tools-phone.png` });
      assert.deepEqual(problems, []);
      await context.close();
    });
  });
});
