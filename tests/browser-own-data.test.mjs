// A student's own data on the page, in Chromium: a CSV from the file button
// (with a BOM and CRLF line ends), dropped on the page or pasted becomes the
// run's data; the link carries them and reproduces the run (the same
// fingerprint on a fresh page and from `lr-playground run`); a set over
// LINK_ROWS rows runs too, its link names the file, and a fresh page asks
// for that file, keeps the other settings, and reproduces the run once it
// is loaded; a bad file is refused with its line and column and changes
// nothing (run, settings, the data loaded before).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { inBrowser, open } from './lib/browser.mjs';

const CLI = new URL('../web/cli.mjs', import.meta.url).pathname;
const cliRun = (preset) => JSON.parse(execFileSync(process.execPath, [CLI, 'run', preset], { encoding: 'utf8', maxBuffer: 1 << 28 }));
const dir = mkdtempSync(join(tmpdir(), 'lrp-own-'));

// Three named classes, columns far from [-2, 2] (the core scales them).
const rows = (n) => Array.from({ length: n }, (_, i) => {
  const c = i % 3;
  return `${(4.5 + c * 1.2 + ((i * 37) % 11) / 10).toFixed(1)},${(0.2 + c * 0.8 + ((i * 13) % 7) / 10).toFixed(1)},${['setosa', 'versicolor', 'virginica'][c]}`;
});
const SMALL = join(dir, 'iris-like.csv'), LARGE = join(dir, 'large.csv');
writeFileSync(SMALL, `\ufeffsepal,petal,species\r\n${rows(90).join('\r\n')}\r\n`);
writeFileSync(LARGE, `sepal,petal,species\n${rows(2500).join('\n')}\n`);

// The run's fingerprint, once it is there (and not `not`, the one before).
const fingerprint = (page, not = null) => page.waitForFunction((old) => {
  const fp = document.getElementById('fingerprint').textContent;
  return /^[0-9a-f]{16}$/.test(fp) && fp !== old ? fp : null;
}, not, { timeout: 60000 }).then((h) => h.jsonValue());
// Loads a CSV file through the panel's button: the fingerprint of the run
// before, and of the run on the file's data.
async function loadFile(page, file) {
  const before = await fingerprint(page);
  await page.setInputFiles('#own-file', file);
  await page.waitForFunction(() => location.hash.includes('data=own&'), null, { timeout: 20000 });
  return { before, fp: await fingerprint(page, before) };
}
const preset = (page) => page.evaluate(() => decodeURIComponent(location.hash.slice(1)).split('&').filter((kv) => !/^(lesson|t|pin)=/.test(kv)).join('&'));
const text = (page, id) => page.evaluate((i) => document.getElementById(i).textContent, id);

describe('own data in Chromium', () => {
  const env = inBrowser();
  const start = `#v=1&problem=mlp&opt=adam&lr=0.03&steps=120`;

  it('a CSV file becomes the run; its link reproduces it on a fresh page and from the CLI', async () => {
    const { page, context, problems } = await open(env.browser, `${env.server.url}${start}`);
    const { fp } = await loadFile(page, SMALL);
    const p = await preset(page);
    assert.match(p, /^v=1&problem=mlp&data=own&opt=adam&lr=0\.03&steps=120&points=1\.[A-Za-z0-9_-]+$/);
    const status = await text(page, 'own-status');
    for (const part of ['iris-like.csv', '90 rows, 3 classes (setosa, versicolor, virginica)', 'Line 1 is a header', 'sepal from [4.5, 7.9]', 'The link carries these data']) {
      assert.ok(status.includes(part), `"${part}" in: ${status}`);
    }
    assert.equal(cliRun(p).fingerprint, fp, 'the CLI runs the link to the same fingerprint');
    const fresh = await open(env.browser, `${env.server.url}#${p}`);
    assert.equal(await fingerprint(fresh.page), fp, 'a fresh page runs the link to the same fingerprint');
    assert.deepEqual(fresh.problems, []);
    await fresh.context.close();
    // the embeds show the same run; the figure without the data panel
    for (const view of ['embed=figure', 'embed=1&ui=lr']) {
      const embed = await open(env.browser, `${env.server.url}#${p}&${view}`);
      assert.equal(await fingerprint(embed.page), fp, view);
      assert.equal(await embed.page.isHidden('#own-data'), true, `${view}: no data panel`);
      assert.deepEqual(embed.problems, [], view);
      await embed.context.close();
    }
    // a pin of this run, then a lower rate: the pin keeps the own data
    await page.click('#pin');
    await page.fill('#key-lr', '0.003');
    await page.press('#key-lr', 'Enter');
    await fingerprint(page, fp);
    const pinned = await page.evaluate(() => decodeURIComponent(location.hash));
    assert.ok(pinned.includes(`&pin=${p}`), pinned.slice(0, 300));
    assert.match(pinned, /lr=0\.003/);
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('a bad CSV is refused by line and column; the run, the settings and the data before stay', async () => {
    const { page, context, problems } = await open(env.browser, `${env.server.url}${start}`);
    const { fp } = await loadFile(page, SMALL);
    const hash = await page.evaluate(() => location.hash);
    const bad = [
      ['x1,x2,label\n1,2,0\n3,4,1\n5,abc,0\n7,8,1\n', "line 4, column 2 (x2): 'abc' is not a number"],
      ['1,2,0\n3,4,1,9\n5,6,0\n7,8,1\n', 'line 2: 4 values, expected 3'],
      ['1,2,0\n3,4,1\n5,NaN,0\n7,8,1\n', 'line 3, column 2 (x2): NaN or infinity'],
    ];
    for (const [csv, message] of bad) {
      await page.fill('#own-paste', csv);
      await page.click('#own-use');
      const error = await text(page, 'own-error');
      assert.ok(error.includes(message) && error.includes('Nothing was changed'), error);
      assert.equal(await page.evaluate(() => location.hash), hash);
      assert.equal(await text(page, 'fingerprint'), fp);
    }
    // a file over 4 MB is refused unread
    await page.setInputFiles('#own-file', { name: 'huge.csv', mimeType: 'text/csv', buffer: Buffer.alloc(5 * 1024 * 1024 + 1, '1') });
    await page.waitForFunction(() => /huge\.csv: the file is 5\.1 MB: at most 4 MB\. Nothing was changed\./.test(document.getElementById('own-error').textContent));
    assert.equal(await page.evaluate(() => location.hash), hash);
    // a good paste after them is taken
    await page.fill('#own-paste', '1,2,0\n3,4,1\n5,6,0\n7,8,1\n9,1,0\n');
    await page.click('#own-use');
    await page.waitForFunction((h) => location.hash !== h, hash, { timeout: 20000 });
    assert.equal(await page.isHidden('#own-error'), true);
    assert.match(await text(page, 'own-status'), /the pasted text: 5 rows, 2 classes/);
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('choosing "own" before any data asks for a CSV and changes nothing', async () => {
    const { page, context, problems } = await open(env.browser, `${env.server.url}${start}`);
    const fp = await fingerprint(page), hash = await page.evaluate(() => location.hash);
    await page.selectOption('#key-data', 'own');
    assert.match(await text(page, 'own-error'), /load or paste a CSV first/);
    assert.equal(await page.inputValue('#key-data'), 'moons');
    assert.equal(await page.evaluate(() => location.hash), hash);
    assert.equal(await text(page, 'fingerprint'), fp);
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('hostile points in a link are reported as text; the default data run with the other settings', async () => {
    for (const points of ['<img src=x onerror=alert(1)>', '1.AAAA', '1.' + 'A'.repeat(300000), 'file.0123456789abcdef']) {
      const { page, context, problems } = await open(env.browser, `${env.server.url}#v=1&problem=mlp&lr=0.2&data=own&points=${encodeURIComponent(points)}`);
      await fingerprint(page);
      const notices = await text(page, 'notices');
      assert.match(notices, /points/, notices);
      assert.equal(await page.inputValue('#key-data'), 'moons');
      assert.equal(await page.inputValue('#key-lr'), '0.2');
      assert.equal(await page.locator('img[src=x]').count(), 0);
      assert.deepEqual(problems, []);
      await context.close();
    }
  });

  it('a file dropped on the page is loaded', async () => {
    const { page, context, problems } = await open(env.browser, `${env.server.url}#v=1&problem=rosenbrock&lr=0.001`);
    const first = await fingerprint(page);
    await page.evaluate(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(['x,y\n0,1\n1,3\n2,5\n3,7.5\n4,9\n'], 'line.csv', { type: 'text/csv' }));
      document.getElementById('stage').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    });
    await page.waitForFunction(() => location.hash.includes('data=own&'), null, { timeout: 20000 });
    const p = await preset(page);
    assert.match(p, /^v=1&problem=linreg&data=own&lr=0\.001&points=/, 'a surface becomes linreg for (x, y) data; the rate stays');
    assert.equal(cliRun(p).fingerprint, await fingerprint(page, first));
    assert.match(await text(page, 'own-status'), /line\.csv: 5 rows of \(x, y\)/);
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('a set too large for a link runs, its link names the file, and a fresh page asks for that file', async () => {
    const { page, context, problems } = await open(env.browser, `${env.server.url}${start}`);
    const { fp } = await loadFile(page, LARGE);
    const p = await preset(page);
    assert.match(p, /&points=file\.[0-9a-f]{16}$/);
    assert.match(await text(page, 'own-status'), /2,500 rows are too many for a link \(at most 2,000\)/);
    const fresh = await open(env.browser, `${env.server.url}#${p}`);
    const moons = await fingerprint(fresh.page);
    const notices = await text(fresh.page, 'notices');
    assert.match(notices, /too large for a link .*load the CSV file/);
    assert.equal(await fresh.page.inputValue('#key-lr'), '0.03', 'the other settings stay');
    await fresh.page.setInputFiles('#own-file', LARGE);
    await fresh.page.waitForFunction((want) => location.hash.endsWith(want), p.slice(p.indexOf('&points=')), { timeout: 20000 });
    assert.equal(await fingerprint(fresh.page, moons), fp, 'the same file reproduces the run');
    // the sweep's workers get the file's data with their requests; a sweep run loads
    await fresh.page.click('#tool-sweep');
    await fresh.page.waitForFunction(() => window.lrpTools?.sweep?.results?.length === 24, null, { timeout: 180000 });
    const sweep = await fresh.page.evaluate(() => window.lrpTools.sweep);
    assert.ok(sweep.results.every((r) => /&points=file\.[0-9a-f]{16}$/.test(r.preset)), sweep.results[0].preset);
    const k = sweep.results.findIndex((r) => r.diverged_at === null && !r.preset.includes('lr=0.03&'));
    await fresh.page.click(`#sweep-multiples button.multiple >> nth=${k}`);
    await fresh.page.waitForFunction((want) => document.getElementById('fingerprint').textContent === want, sweep.results[k].fingerprint, { timeout: 60000 });
    assert.deepEqual(fresh.problems, []);
    await fresh.context.close();
    assert.deepEqual(problems, []);
    await context.close();
  });
});
