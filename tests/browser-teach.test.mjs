// The page as a teaching instrument, in Chromium: one screen holds the rate,
// the loss and the path (or the decision map); the playback moves every
// picture to a step and keeps it in the link; the lessons put their claim
// beside the charts and mark it on them; the keyboard moves the rate by a
// sensible step.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadCore } from '../web/core.js';
import { parse } from '../web/preset.js';
import { LESSONS, lessonHash } from '../web/lessons.js';
import { inBrowser, newPage, open } from './lib/browser.mjs';

const ARTIFACTS = new URL('../test-artifacts/', import.meta.url).pathname;
const DESKTOP = { width: 1280, height: 800 }, PHONE = { width: 360, height: 740 };
const DATA = 'v=1&problem=mlp&data=moons&opt=adam&lr=0.02&steps=300';
const core = await loadCore();
const fingerprintOf = (hash) => core.run(parse(hash).preset).fingerprint;
const median = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];

// Is the element wholly inside the viewport (at the current scroll)?
const inView = (page, selector) => page.evaluate((s) => {
  const r = document.querySelector(s).getBoundingClientRect();
  return r.width > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth;
}, selector);
const waitFingerprint = (page, fp) => page.waitForFunction((f) => document.getElementById('fingerprint').textContent === f, fp, { timeout: 60000 });
const readout = (page) => page.textContent('#play-readout');

describe('the page teaches at a glance (Chromium)', { timeout: 600000 }, () => {
  const env = inBrowser({ artifacts: ARTIFACTS });

  it('fits the rate, the loss and the path (or the decision map) on one 1280x800 screen', async () => {
    for (const [hash, picture] of [['', '#path-plot'], ['#v=1', '#path-plot'], [`#${DATA}`, '#model-plot'], ['#v=1&problem=logreg&data=circles', '#model-plot']]) {
      const { page, context, problems } = await open(env.browser, env.server.url + hash, DESKTOP);
      await page.waitForFunction(() => document.getElementById('path-plot').dataset.run);
      for (const s of ['#lr-slider', '#key-lr', '#loss-chart', picture]) assert.ok(await inView(page, s), `${hash || 'the start'}: ${s} is not wholly on screen`);
      await page.screenshot({ path: `${ARTIFACTS}screen${hash ? `-${hash.length}` : ''}.png` });
      assert.deepEqual(problems, []);
      await context.close();
    }
  });

  it('on a phone: the first chart within the first screen, the rate at hand beside the charts', async () => {
    const { page, context, problems } = await open(env.browser, env.server.url, PHONE);
    const top = await page.evaluate(() => document.getElementById('path-plot').getBoundingClientRect().top);
    assert.ok(top < PHONE.height - 150, `the first chart starts at ${top} px`);
    await page.evaluate(() => document.getElementById('loss-chart').scrollIntoView({ block: 'center' }));
    assert.ok(await inView(page, '#lr-slider'), 'the rate is not at hand with the loss chart in view');
    await page.screenshot({ path: `${ARTIFACTS}phone-loss.png` });
    // a lesson opened from the gallery below brings the charts into view,
    // under the sticky rate (scrolling the sticky bar itself moved nothing)
    const fp = await page.textContent('#fingerprint');
    await page.click('#lessons a.lesson[data-lesson="saddle"]');
    await page.waitForFunction((f) => /^[0-9a-f]{16}$/.test(document.getElementById('fingerprint').textContent) &&
      document.getElementById('fingerprint').textContent !== f, fp);
    assert.ok(await inView(page, '#lr-slider'), 'the rate is at hand');
    const plot = await page.evaluate(() => document.getElementById('path-plot').getBoundingClientRect().top);
    assert.ok(plot > 0 && plot < PHONE.height - 150, `after a lesson, the path starts at ${plot} px`);
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('shows a constant rate as a line that says so, a schedule as a chart', async () => {
    const { page, context } = await open(env.browser, `${env.server.url}#v=1&problem=quadratic&lr=0.1`, DESKTOP);
    assert.equal(await page.isVisible('#lr-chart'), false);
    assert.equal(await page.textContent('#lr-flat'), '0.1 at every step (a constant schedule)');
    await page.selectOption('#key-sched', 'cosine');
    await page.waitForFunction(() => !document.getElementById('lr-box').hidden);
    assert.equal(await page.isVisible('#lr-flat'), false);
    assert.ok(await page.isVisible('#lr-chart'));
    await context.close();
  });

  it('plays, pauses and steps; t= opens a link at a step and the scrubber writes it', async () => {
    const hash = 'v=1&problem=quadratic&lr=0.19';
    const { page, context, problems } = await open(env.browser, `${env.server.url}#${hash}&t=7`, DESKTOP);
    const run = core.run(parse(hash).preset);
    assert.equal(await page.inputValue('#scrubber'), '7');
    assert.match(await readout(page), new RegExp(`^step 7 of 200 · loss ${Number(run.loss[7].toPrecision(3))} · lr 0.19 · at `));
    const image = () => page.evaluate(() => document.getElementById('path-plot').toDataURL());
    const at7 = await image();
    // the cursor on the loss chart is drawn at step 7 (its layer has ink in
    // that column and none half the plot away)
    const ink = (step) => page.evaluate((t) => {
      const chart = window.Chart.getChart('loss-chart'), layer = chart.canvas.parentElement.querySelector('.cursor-layer');
      const x = Math.round(chart.scales.x.getPixelForValue(t) * layer.width / chart.width), a = chart.chartArea;
      const col = layer.getContext('2d').getImageData(x, 0, 1, layer.height).data;
      let n = 0;
      for (let i = 3; i < col.length; i += 4) if (col[i]) n++;
      return n > (a.bottom - a.top) / 4;
    }, step);
    assert.equal(await ink(7), true, 'no cursor at step 7');
    assert.equal(await ink(100), false, 'a cursor where there is no step shown');
    await page.click('#play-forward');
    assert.equal(await page.inputValue('#scrubber'), '8');
    assert.notEqual(await image(), at7, 'the path did not follow the step');
    await page.click('#play-back');
    await page.click('#play-back');
    assert.equal(await page.inputValue('#scrubber'), '6');
    await page.waitForFunction(() => /&t=6(&|$)/.test(location.hash));
    // the keyboard: arrows step, space plays and pauses, End shows the whole run
    await page.focus('#scrubber');
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.inputValue('#scrubber'), '7');
    await page.keyboard.press(' ');
    await page.waitForFunction(() => Number(document.getElementById('scrubber').value) > 20);
    await page.keyboard.press(' ');
    const paused = await page.inputValue('#scrubber');
    await page.waitForTimeout(200);
    assert.equal(await page.inputValue('#scrubber'), paused, 'space did not pause');
    await page.keyboard.press('End');
    await page.waitForFunction(() => !/&t=/.test(location.hash));
    assert.match(await readout(page), /^step 200 of 200/);
    // a new rate keeps the step shown
    await page.click('#play-start');
    await page.fill('#key-lr', '0.1');
    await page.press('#key-lr', 'Enter');
    await waitFingerprint(page, fingerprintOf('v=1&problem=quadratic&lr=0.1'));
    assert.equal(await page.inputValue('#scrubber'), '0');
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('lets a link opened just as a run ends win over the page\'s own pending address', async () => {
    // the page writes its address (t, after the playback loads) a frame after
    // a run ends; a link opened in that moment must not be overwritten
    for (let k = 0; k < 3; k++) {
      const { page, context, problems } = await open(env.browser, `${env.server.url}#v=1&problem=logreg&lr=0.1&steps=300`, DESKTOP);
      const next = `v=1&problem=quadratic&lr=0.0${k + 2}`;
      await page.evaluate((h) => { location.hash = h; }, next);
      await waitFingerprint(page, fingerprintOf(next));
      assert.ok((await page.evaluate(() => location.hash)).startsWith(`#${next}`));
      assert.deepEqual(problems, []);
      await context.close();
    }
  });

  it('moves a data problem\'s decision map and held-out loss with the step', async () => {
    const { page, context, problems } = await open(env.browser, `${env.server.url}#${DATA}&t=30`, DESKTOP);
    await page.waitForFunction(() => document.getElementById('model-plot').dataset.run);
    const title = await page.textContent('#model-title');
    assert.match(title, /^Decision map and data at step (\d+)$/);
    assert.ok(Number(/(\d+)$/.exec(title)[1]) <= 30);
    assert.match(await readout(page), /^step 30 of 300 · loss [\d.e-]+ · lr 0.02 · held-out [\d.e-]+ · [\d.]+% right$/);
    const map = await page.evaluate(() => document.getElementById('model-plot').toDataURL());
    await page.click('#play-end');
    assert.equal(await page.textContent('#model-title'), 'Decision map and data');
    assert.notEqual(await page.evaluate(() => document.getElementById('model-plot').toDataURL()), map);
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('scrubs a 10,000-step run smoothly (measured: input to the next frame)', async () => {
    for (const hash of ['v=1&problem=rosenbrock&opt=adam&lr=0.01&steps=10000', 'v=1&problem=mlp&data=spiral&opt=adam&lr=0.01&steps=10000']) {
      const { page, context, problems } = await open(env.browser, `${env.server.url}#${hash}`, DESKTOP);
      await page.waitForFunction(() => !document.getElementById('scrubber').disabled && document.getElementById('path-plot').dataset.run);
      const times = await page.evaluate(async () => {
        const s = document.getElementById('scrubber'), frame = () => new Promise((r) => requestAnimationFrame(r)), out = [];
        for (let i = 0; i < 40; i++) {
          await frame();
          s.value = String(Math.round((i * 9973) % 10000));
          const t0 = performance.now();
          s.dispatchEvent(new Event('input', { bubbles: true }));
          await frame();
          out.push(performance.now() - t0);
        }
        return out;
      });
      const m = median(times), worst = Math.max(...times);
      console.log(`# scrubbing ${hash}: input to next frame median ${m.toFixed(1)} ms, max ${worst.toFixed(1)} ms`);
      assert.ok(m < 50, `median ${m} ms`);
      assert.deepEqual(problems, []);
      await context.close();
    }
  });

  it('plays a lesson once on its own, once the page has started, but not under prefers-reduced-motion', async () => {
    // each frame: whether the playback shows a step yet, and whether the
    // page had made its tools (the end of its start) when it first did
    const watch = () => {
      const look = () => {
        if (window.lrpPage?.t != null && !('playedWithTools' in window)) window.playedWithTools = 'lrpTools' in window;
        requestAnimationFrame(look);
      };
      requestAnimationFrame(look);
    };
    for (const motion of ['no-preference', 'reduce']) {
      const { page, context, problems } = await newPage(env.browser, { viewport: DESKTOP, init: watch });
      await page.emulateMedia({ reducedMotion: motion });
      await page.goto(env.server.url + lessonHash(LESSONS[3]));
      await waitFingerprint(page, fingerprintOf(LESSONS[3].preset));
      await page.waitForFunction(() => 'lrpTools' in window);
      await page.waitForTimeout(300);
      const t = await page.evaluate(() => window.lrpPage.t);
      if (motion === 'reduce') assert.equal(t, null, 'it played under reduced motion');
      else {
        assert.ok(t !== null && t < 200, `no autoplay: t = ${t}`);
        // its frames do not run beside the charts' and the tools' making
        assert.equal(await page.evaluate(() => window.playedWithTools), true, 'it played before the page had started');
      }
      assert.deepEqual(problems, []);
      await context.close();
    }
  });

  it('opens each lesson beside the charts, marks it, links it, and draws its notes on screen', async () => {
    const { page, context, problems } = await open(env.browser, env.server.url, DESKTOP);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    for (const lesson of LESSONS) {
      await page.evaluate(() => document.getElementById('lessons').scrollIntoView());
      await page.click(`#lessons a.lesson[data-lesson="${lesson.id}"]`);
      await waitFingerprint(page, fingerprintOf(lesson.preset));
      await page.waitForFunction((h) => location.hash === h, lessonHash(lesson));
      assert.equal(await page.textContent('#lesson-text'), lesson.sentence);
      assert.equal(await page.getAttribute(`a.lesson[data-lesson="${lesson.id}"]`, 'aria-current'), 'true');
      assert.equal(await page.locator('a.lesson[aria-current]').count(), 1);
      await page.waitForTimeout(50);
      // the sentence and the charts are on screen together (a data problem's picture: its decision map)
      const picture = ['linreg', 'logreg', 'mlp'].includes(parse(lesson.preset).preset.problem) ? '#model-plot' : '#path-plot';
      for (const s of ['#lesson-text', '#loss-chart', picture]) assert.ok(await inView(page, s), `${lesson.id}: ${s} not in view`);
      const notes = await page.evaluate(() => window.lrpPage.notes);
      const drawn = [...notes.loss, ...notes.lr, ...notes.path];
      const expected = lesson.notes(core.run(parse(lesson.preset).preset), core);
      const wanted = [...(expected.loss ?? []), ...(expected.lr ?? []), ...(expected.path ?? [])].map((n) => n.text);
      assert.ok(wanted.length >= 1, `${lesson.id} has no note`);
      for (const text of wanted) assert.ok(drawn.some((n) => n.text === text), `${lesson.id}: "${text}" not drawn (${drawn.map((n) => n.text)})`);
      const sizes = await page.evaluate(() => Object.fromEntries(['loss-chart', 'lr-chart', 'path-plot'].map((id) => {
        const c = document.getElementById(id);
        return [id, [c.clientWidth, c.clientHeight]];
      })));
      for (const [chart, id] of [['loss', 'loss-chart'], ['lr', 'lr-chart'], ['path', 'path-plot']]) {
        for (const n of notes[chart]) {
          const [w, h] = sizes[id];
          assert.ok(n.x >= 0 && n.y >= 0 && n.x + n.w <= w && n.y + n.h <= h, `${lesson.id}: "${n.text}" outside its chart`);
        }
      }
      await page.screenshot({ path: `${ARTIFACTS}lesson-${lesson.id}.png` });
    }
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('keeps a lesson while its run is changed, offers the way back, and closes', async () => {
    const lesson = LESSONS.find((l) => l.id === 'saddle');
    const { page, context, problems } = await open(env.browser, env.server.url + lessonHash(lesson), DESKTOP);
    assert.ok(await page.isVisible('#lesson-box'));
    assert.equal(await page.isVisible('#lesson-changed'), false);
    await page.fill('#key-lr', '0.05');
    await page.press('#key-lr', 'Enter');
    await waitFingerprint(page, fingerprintOf('v=1&problem=saddle&lr=0.05'));
    assert.ok(await page.isVisible('#lesson-changed'));
    assert.deepEqual(await page.evaluate(() => window.lrpPage.notes.path.map((n) => n.text)), [], 'the lesson\'s notes stay on a run they do not describe');
    assert.match(await page.evaluate(() => location.hash), /&lesson=saddle/);
    await page.click('#lesson-restore');
    await waitFingerprint(page, fingerprintOf(lesson.preset));
    assert.equal(await page.isVisible('#lesson-changed'), false);
    await page.click('#lesson-next');
    await page.waitForFunction(() => /&lesson=momentum/.test(location.hash));
    await page.click('#lesson-close');
    assert.equal(await page.isVisible('#lesson-box'), false);
    assert.doesNotMatch(await page.evaluate(() => location.hash), /lesson=/);
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('moves the rate a twentieth of a decade per arrow key and a decade per page key', async () => {
    const { page, context, problems } = await open(env.browser, `${env.server.url}#v=1&problem=quadratic&lr=0.01`, DESKTOP);
    await page.focus('#lr-slider');
    const lr = () => page.evaluate(() => new URLSearchParams(location.hash.slice(1)).get('lr'));
    await page.keyboard.press('ArrowRight');
    await waitFingerprint(page, fingerprintOf('v=1&problem=quadratic&lr=0.0112'));
    await page.waitForFunction(() => /lr=0\.0112/.test(location.hash));
    await page.keyboard.press('PageUp');
    await waitFingerprint(page, fingerprintOf('v=1&problem=quadratic&lr=0.112'));
    await page.keyboard.press('PageDown');
    await page.keyboard.press('PageDown');
    await waitFingerprint(page, fingerprintOf('v=1&problem=quadratic&lr=0.00112'));
    await page.waitForFunction(() => /lr=0\.00112/.test(location.hash));
    assert.equal(await lr(), '0.00112');
    // a key press repaints as fast as a drag: one run per press, painted in the next frame
    const ms = await page.evaluate(async () => {
      const s = document.getElementById('lr-slider'), frame = () => new Promise((r) => requestAnimationFrame(r)), out = [];
      for (let i = 0; i < 10; i++) {
        await frame();
        const t0 = performance.now();
        s.dispatchEvent(new KeyboardEvent('keydown', { key: i % 2 ? 'PageDown' : 'PageUp', bubbles: true }));
        await frame();
        out.push(performance.now() - t0);
      }
      return out;
    });
    console.log(`# lr key press to next frame: median ${median(ms).toFixed(1)} ms`);
    assert.ok(median(ms) < 100);
    assert.deepEqual(problems, []);
    await context.close();
  });
});
