// The learning-rate tools in Chromium: 2 / λmax ("GD stable below …" beside
// the lr slider, the dashed line on the sweep chart) is the stability limit
// of plain gradient descent only, so the page shows it only for opt=sgd
// without weight decay; it still measures it (window.lrpTools.edge). And
// every pick a tool shows loads the very run the tool reported.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inBrowser, open } from './lib/browser.mjs';

const ARTIFACTS = new URL('../test-artifacts/', import.meta.url).pathname;
const Q10 = 'v=1&problem=quadratic&cond=10&opt=sgd';

// What the page shows of 2 / λmax.
const shown = (page) => page.evaluate(() => ({
  slider: !document.getElementById('lr-edge').hidden,
  line: Number.isFinite(Chart.getChart(document.getElementById('sweep-chart')).options.plugins.edge.value),
}));
const ALL = { slider: true, line: true }, NONE = { slider: false, line: false };

// Sets a control and waits for the page to show the new run.
async function set(page, control, value) {
  const before = await page.textContent('#fingerprint');
  if (control.startsWith('select')) await page.selectOption(control.slice(6), value);
  else await page.fill(control, value);
  await page.waitForFunction((fp) => {
    const now = document.getElementById('fingerprint').textContent;
    return /^[0-9a-f]{16}$/.test(now) && now !== fp;
  }, before);
}

describe('2 / λmax in Chromium', () => {
  const env = inBrowser({ artifacts: ARTIFACTS });

  it('on a surface: shown for sgd; hidden for adam and for sgd with weight decay', async () => {
    const { page, context, problems } = await open(env.browser, `${env.server.url}#${Q10}`);
    assert.deepEqual(await shown(page), ALL);
    assert.equal((await page.textContent('#lr-edge')).trim(), 'GD stable below 0.2');
    await set(page, 'select#key-opt', 'adam');
    assert.deepEqual(await shown(page), NONE, 'adam');
    assert.equal(await page.evaluate(() => window.lrpTools.edge.toFixed(6)), '0.200000', 'still measured');
    // a sweep under adam draws no 2/λmax line
    await page.click('#tool-sweep');
    await page.waitForFunction(() => !document.getElementById('sweep-card').hidden, null, { timeout: 60000 });
    assert.deepEqual(await shown(page), NONE, 'adam, after a sweep');
    await page.locator('#tools').screenshot({ path: `${ARTIFACTS}tools-sweep-adam.png` });
    await set(page, 'select#key-opt', 'sgd');
    assert.deepEqual(await shown(page), ALL, 'sgd again');
    await set(page, '#key-wd', '0.01');
    assert.deepEqual(await shown(page), NONE, 'sgd with weight decay');
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('on a data problem: shown once measured for sgd, hidden for adam', async () => {
    for (const [opt, want] of [['sgd', ALL], ['adam', NONE]]) {
      const { page, context, problems } = await open(env.browser, `${env.server.url}#v=1&problem=logreg&opt=${opt}&lr=0.01&steps=300`);
      await page.waitForFunction(() => window.lrpTools.edge > 0, null, { timeout: 30000 });
      assert.deepEqual(await shown(page), want, opt);
      if (opt === 'sgd') assert.match(await page.textContent('#lr-edge'), /^GD stable below \d/);
      assert.deepEqual(problems, []);
      await context.close();
    }
  });
});

// Runs the range test, the sweep and tuning, one after the other, and
// returns what they reported (window.lrpTools).
async function runTools(page) {
  for (const tool of ['#tool-find', '#tool-sweep', '#tool-tune']) {
    await page.click(tool);
    await page.waitForFunction(() => !document.getElementById('tool-sweep').disabled && document.getElementById('sweep-progress').hidden,
      null, { timeout: 120000 });
  }
  return page.evaluate(() => ({ find: window.lrpTools.find, sweep: window.lrpTools.sweep, tune: window.lrpTools.tune, advice: window.lrpTools.advice }));
}

// Clicks a tool's button and waits for the page to show the run `pick`
// reported: its fingerprint, its link in the address bar.
async function load(page, selector, pick, what) {
  await page.click(selector);
  await page.waitForFunction((fp) => document.getElementById('fingerprint').textContent === fp, pick.fingerprint, { timeout: 30000 })
    .catch(() => assert.fail(`${what}: the page never showed fingerprint ${pick.fingerprint} of ${pick.preset}`));
  assert.equal(decodeURIComponent(await page.evaluate(() => location.hash)).split('&').filter((kv) => !/^(t|lesson)=/.test(kv)).join('&'), `#${pick.preset}`, what);
}

describe('every pick loads the run the tool reported, in Chromium', () => {
  const env = inBrowser({ artifacts: ARTIFACTS });

  for (const [name, hash] of [['a surface', 'v=1&problem=rosenbrock&opt=adam&steps=300'], ['a data problem', 'v=1&problem=mlp&opt=adam&steps=200']]) {
    it(`on ${name}: the recommendation, a sweep point, the range test's valley, tuning's best`, async () => {
      const { page, context, problems } = await open(env.browser, `${env.server.url}#${hash}`);
      const { find, sweep, tune, advice } = await runTools(page);
      // one recommendation, the better whole-run robust pick of the sweep and tuning
      assert.ok(advice.pick.robust && ['sweep', 'tuning'].includes(advice.pick.source), JSON.stringify(advice.pick));
      assert.equal(advice.pick.preset, (advice.pick.source === 'sweep' ? sweep : tune).best.preset);
      assert.equal(sweep.objective, name === 'a surface' ? 'final' : 'heldout');
      assert.match(await page.textContent('#advice-rate'), new RegExp(`^lr [\\d.e-]+, from the ${advice.pick.source}$`));
      assert.equal((await page.locator('#advice-others li').count()), advice.others.length);
      await page.locator('#tools').screenshot({ path: `${ARTIFACTS}tools-advice-${name.split(' ').at(-1)}.png` });
      await load(page, '#advice-apply', advice.pick, 'the recommendation');
      assert.equal(await page.textContent('#advice-apply'), 'Loaded');
      const k = sweep.results.findIndex((r) => r.diverged_at === null && r.preset !== advice.pick.preset);
      await load(page, `#sweep-multiples button.multiple >> nth=${k}`, sweep.results[k], 'a run of the sweep');
      await load(page, '#find-apply button.apply-valley', find.picks.valley, 'the range test\'s valley');
      await load(page, '#tune-apply', tune.best, 'tuning\'s best');
      // the sweep's legend names only what it draws (no "diverged" where none did)
      const drawn = await page.evaluate(() => Chart.getChart(document.getElementById('sweep-chart')).data.datasets.map((d) => [d.label, d.data.length]));
      assert.ok(drawn.every(([, n]) => n > 0), JSON.stringify(drawn));
      // a loaded pick keeps the tools' results; another setting puts them away
      for (const id of ['#find-card', '#sweep-card', '#tune-card', '#advice']) assert.ok(await page.isVisible(id), id);
      const before = await page.textContent('#fingerprint');
      await page.selectOption('#key-problem', name === 'a surface' ? 'quadratic' : 'logreg');
      await page.waitForFunction((fp) => /^[0-9a-f]{16}$/.test(document.getElementById('fingerprint').textContent) &&
        document.getElementById('fingerprint').textContent !== fp, before, { timeout: 30000 });
      for (const id of ['#find-card', '#sweep-card', '#tune-card', '#slice-card', '#advice']) assert.ok(await page.isHidden(id), `${id} of another setting`);
      assert.deepEqual(problems, []);
      await context.close();
    });
  }
});
