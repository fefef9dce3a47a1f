// Repeated view keys in Chromium (issue 16): a link may repeat ui=, embed=,
// lesson= and t= hundreds of thousands of times; the page still starts, shows
// the run, lists a short notice (the view's issues capped as the preset's,
// one line saying how many more) and stays a page's height.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inBrowser, open } from './lib/browser.mjs';

const BASE = 'v=1&problem=quadratic&lr=0.05';
const CASES = [
  ['150,000 ui=q', '&ui=q'.repeat(150000)],
  ['50,000 embed=x', '&embed=x'.repeat(50000)],
  ['20,000 lesson=, t= and embed=1 with bad ui (under the 2 MB a URL may hold)', '&lesson=nope&t=x&embed=1&ui=q,r,s,t,u,v,w'.repeat(20000)],
];

describe('repeated view keys in Chromium', { concurrency: 1 }, () => {
  const env = inBrowser();

  for (const [name, tail] of CASES) {
    it(name, async () => {
      const { page, context, problems } = await open(env.browser, `${env.server.url}#${BASE}${tail}`);
      const seen = await page.evaluate(() => ({
        notices: [...document.getElementById('notices').children].map((li) => li.textContent),
        height: document.documentElement.scrollHeight,
        failed: document.body.textContent.includes('failed to start'),
        lr: document.getElementById('key-lr')?.value,
      }));
      await context.close();
      assert.deepEqual(problems, []);
      assert.equal(seen.failed, false);
      assert.equal(seen.lr, '0.05');
      // 20 issues and the line that counts the rest (web/view.js), not 25 of
      // hundreds of thousands cut by the status line alone
      assert.equal(seen.notices.length, 21, seen.notices.join('\n'));
      assert.match(seen.notices.at(-1), /^view: \d+ more issues with embed, ui, lesson or t, not listed$/, seen.notices.at(-1));
      assert.ok(seen.height < 10000, `the page is ${seen.height} px tall`);
    });
  }
});
