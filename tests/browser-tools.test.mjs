// The learning-rate tools in Chromium: 2 / λmax ("GD stable below …" beside
// the lr slider, the dashed line on the sweep chart) is the stability limit
// of plain gradient descent only, so the page shows it only for opt=sgd
// without weight decay; it still measures it (window.lrpTools.edge).
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
