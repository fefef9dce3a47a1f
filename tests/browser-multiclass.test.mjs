// More than two classes in Chromium: the decision map gives each class its
// colour and shape (web/palette.js CLASS_STYLES), shades each region by the
// class predicted there, lists the classes in its legend (a CSV's class
// names as text, never as HTML) and says in its text alternative how many
// classes there are and how accurate the model is; axe-core finds no
// serious or critical violation on such a page.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import { loadCore } from '../web/core.js';
import { parseCsv } from '../web/csv.js';
import { CLASS_STYLES, hex } from '../web/palette.js';
import { Plot } from '../web/plot.js';
import { encodePoints } from '../web/points.js';
import { parse } from '../web/preset.js';
import { inBrowser, open } from './lib/browser.mjs';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const ARTIFACTS = new URL('../test-artifacts/', import.meta.url).pathname;
const DESKTOP = { width: 1280, height: 800 }, PHONE = { width: 360, height: 740 };
const HASH = 'v=1&problem=mlp&data=spiral&classes=4&opt=adam&lr=0.02&hidden=16,16';
const core = await loadCore();

// Hue in degrees of [r, g, b] (NaN for a grey), and its saturation (HSV).
const hsv = ([r, g, b]) => {
  const max = Math.max(r, g, b), d = max - Math.min(r, g, b);
  const h = !d ? NaN : max === r ? ((g - b) / d + 6) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return { hue: 60 * h, sat: max ? d / max : 0 };
};
const hueGap = (a, b) => Math.abs(((a - b + 540) % 360) - 180);
// The class whose tint's hue is nearest (within 15 degrees) of a pale,
// tinted pixel's; -1 for white, grey or another hue.
const TINT_HUES = CLASS_STYLES.slice(0, 4).map((s) => hsv(hex(s.tint)).hue);
function family(rgb) {
  const { hue, sat } = hsv(rgb);
  if (!(sat > 0.08)) return -1;
  const gaps = TINT_HUES.map((h) => hueGap(h, hue)), c = gaps.indexOf(Math.min(...gaps));
  return gaps[c] <= 15 ? c : -1;
}

// The model plot's pixels as [r, g, b] rows, and its CSS size (the tests
// run at a device pixel ratio of 1).
const readPlot = (page) => page.evaluate(() => {
  const c = document.getElementById('model-plot');
  return { w: c.clientWidth, h: c.clientHeight, dpr: devicePixelRatio, data: Array.from(c.getContext('2d').getImageData(0, 0, c.width, c.height).data) };
});

// axe-core on the page as it is: no serious or critical violation.
async function scan(page, what) {
  await page.addScriptTag({ path: AXE });
  const found = await page.evaluate(() => window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] })
    .then((r) => r.violations.map((v) => `[${v.impact}] ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)));
  assert.ok(!found.some((v) => /^\[(serious|critical)\]/.test(v)), `${what}: axe-core found\n  ${found.join('\n  ')}`);
}

const waitModel = (page) => page.waitForFunction(() => document.getElementById('model-plot').dataset.run, null, { timeout: 60000 });

describe('more than two classes (Chromium)', { timeout: 600000 }, () => {
  const env = inBrowser({ artifacts: ARTIFACTS });

  it('draws four spiral arms: a legend of four, four hue families, each class on its own colour, the count in words', async () => {
    const run = core.run(parse(HASH).preset, { grids: true });
    const { page, context, problems } = await open(env.browser, `${env.server.url}#${HASH}`, DESKTOP);
    await waitModel(page);
    await page.locator('#model-card').screenshot({ path: `${ARTIFACTS}multiclass-spiral4.png` });
    // the legend: four classes, each with its mark
    assert.deepEqual(await page.locator('#model-legend .key-item').allTextContents(), ['class 0', 'class 1', 'class 2', 'class 3']);
    assert.equal(await page.locator('#model-legend .key-item svg').count(), 4);
    // the map: four hue families, each on a share of the plot
    const { w, h, dpr, data } = await readPlot(page);
    assert.equal(dpr, 1);
    const pixel = (x, y) => { const i = 4 * (Math.round(y) * w + Math.round(x)); return data.slice(i, i + 3); };
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < data.length; i += 4) {
      const c = family(data.slice(i, i + 3));
      if (c >= 0) counts[c]++;
    }
    for (const [c, n] of counts.entries()) assert.ok(n > 0.02 * w * h, `class ${c}'s hue covers ${n} of ${w * h} pixels`);
    // a training point where the model is sure of its class: its mark in
    // the class's colour, the map around it in the class's tint
    const plot = Object.assign(new Plot(null), { w, h, box: run.prediction.box });
    const { nx, ny, box, output } = run.prediction;
    const at = (x, y) => output[Math.round(((y - box[2]) / (box[3] - box[2])) * (ny - 1)) * nx + Math.round(((x - box[0]) / (box[1] - box[0])) * (nx - 1))];
    const px = Array.from(run.data_y, (_, i) => [plot.px(run.data_x[2 * i]), plot.py(run.data_x[2 * i + 1])]);
    const alone = (i, r) => px.every(([x, y], j) => j === i || Math.hypot(x - px[i][0], y - px[i][1]) > r);
    for (let c = 0; c < 4; c++) {
      const sure = (x, y) => at(x, y) - 2 * c > 0.9 && at(x, y) < 2 * c + 2;
      const i = run.data_y.findIndex((y, k) => y === c && !run.data_test[k] && sure(run.data_x[2 * k], run.data_x[2 * k + 1]) && alone(k, 12));
      assert.ok(i >= 0, `no training point of class ${c} where the model is sure and no other point is near`);
      const [x, y] = px[i];
      assert.deepEqual(pixel(x, y), hex(CLASS_STYLES[c].colour), `class ${c}'s point at (${x}, ${y})`);
      const around = [[8, 0], [-8, 0], [0, 8], [0, -8]].filter(([dx, dy]) => sure(...plot.toData(x + dx, y + dy)));
      assert.ok(around.length >= 1, `class ${c}: the model is not sure around its point`);
      for (const [dx, dy] of around) assert.equal(family(pixel(x + dx, y + dy)), c, `class ${c}: the map ${dx}, ${dy} px from its point is ${pixel(x + dx, y + dy)}`);
    }
    // the text alternative: how many classes, and how accurate
    const alt = await page.getAttribute('#model-plot', 'aria-label');
    const pct = (v) => `${(100 * v).toFixed(1)}%`;
    assert.match(alt, /^Decision map of the model at the end of the run, over its inputs x1 and x2, for 4 classes: /);
    assert.ok(alt.includes('blue circles (class 0), vermillion squares (class 1), green triangles (class 2) and purple diamonds (class 3)'), alt);
    assert.ok(alt.endsWith(`Training accuracy ${pct(run.train_acc.at(-1))}. Held-out accuracy ${pct(run.test_acc.at(-1))}.`), alt);
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('axe-core: four classes at 1280x800 and 360x740, eight at 1280x800', async () => {
    for (const [hash, viewport] of [[HASH, DESKTOP], [HASH, PHONE], ['v=1&problem=logreg&data=blobs&classes=8&opt=adam&lr=0.05', DESKTOP]]) {
      const { page, context, problems } = await open(env.browser, `${env.server.url}#${hash}`, viewport);
      await waitModel(page);
      await scan(page, `${hash} at ${viewport.width}x${viewport.height}`);
      assert.deepEqual(problems, []);
      await context.close();
    }
  });

  it('names the classes of own data by their labels, as text only', async () => {
    // three blobs whose labels are words, one of them markup
    const names = ['<img src=x onerror=pwned=1>', 'cat', 'dog'];
    const rows = Array.from({ length: 60 }, (_, i) => {
      const c = i % 3, a = (2 * Math.PI * c) / 3 + 0.3 * Math.sin(i), r = 1 + 0.2 * Math.cos(i);
      return `${(r * Math.cos(a)).toFixed(3)},${(r * Math.sin(a)).toFixed(3)},${names[c]}`;
    });
    const parsed = parseCsv(`x1,x2,label\n${rows.join('\n')}\n`);
    assert.ok(parsed.ok, parsed.error);
    assert.deepEqual(parsed.names, [...names].sort());
    const hash = `v=1&problem=logreg&data=own&points=${encodePoints(parsed)}&opt=adam&lr=0.1`;
    assert.deepEqual(parse(hash).issues, []);
    const { page, context, problems } = await open(env.browser, `${env.server.url}#${hash}`, DESKTOP);
    await waitModel(page);
    assert.deepEqual(await page.locator('#model-legend .key-name').allTextContents(), [...names].sort());
    assert.equal(await page.locator('#model-card img').count(), 0);
    assert.equal(await page.evaluate(() => window.pwned), undefined);
    assert.match(await page.getAttribute('#model-plot', 'aria-label'), /blue circles \(<img src=x onerror=pwned=1>\), vermillion squares \(cat\) and green triangles \(dog\)/);
    assert.deepEqual(problems, []);
    await context.close();
  });
});
