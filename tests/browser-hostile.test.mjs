// Hostile links in real Chromium: script and HTML payloads in the keys and
// values of the hash, __proto__, a 100 KB value, malformed escapes, odd
// unicode and hostile pins. Each page is opened with a trap installed before
// any of its code runs (window.__pwned, which every payload would set); once
// it shows its fingerprint nothing may have run, no element or attribute of
// a payload may exist, the notice names the bad keys as text in a short
// list and the valid settings beside them still apply.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launch, newPage, serve } from './lib/browser.mjs';

const enc = encodeURIComponent;
const IMG = '<img src=x onerror="window.__pwned=1">';
const SCRIPT = '<script>window.__pwned=1</script>';
const SVG = '<svg onload="window.__pwned=1">';
const ATTR = '"><img src=x onerror="window.__pwned=1">';
const IFRAME = '<iframe src="javascript:parent.__pwned=1">';
const JS = 'javascript:window.__pwned=1';
// the valid settings every hostile hash carries, and how the controls show them
const BASE = 'v=1&problem=quadratic&lr=0.05';
const KEPT = { problem: 'quadratic', lr: '0.05' };
const HUGE = 100 * 1024;

// [name, hash after BASE, keys the notice must name, controls that must keep their value]
const CASES = [
  ['payloads in values, encoded', `opt=${enc(SCRIPT)}&sched=${enc(ATTR)}&seed=${enc(SVG)}&data=${enc(JS)}&steps=${enc(IFRAME)}`,
    ['opt', 'sched', 'seed', 'data', 'steps'], {}],
  ['payloads as keys, encoded', `${enc(IMG)}=1&${enc(SCRIPT)}=2&${enc(SVG)}&${enc(IFRAME)}=x&cond=100`,
    [IMG, SCRIPT, SVG, IFRAME.slice(0, 30)], { cond: '100' }], // a key over 40 characters is shortened
  ['payloads as they are typed', `steps=${IMG}&${SCRIPT}&${ATTR}=1&seed=42&opt=${SVG}`,
    ['steps', 'opt'], { seed: '42' }],
  ['__proto__ and constructor', `__proto__=${enc(IMG)}&__proto__[lr]=5&constructor[prototype][lr]=5&${enc('{"__proto__":{"lr":5}}')}=1&prototype=${enc(SCRIPT)}&opt=adam`,
    ['__proto__', 'constructor[prototype][lr]', 'prototype'], { opt: 'adam' }],
  ['a 100 KB value and a 100 KB key', `seed=${enc(IMG).repeat(Math.ceil(HUGE / enc(IMG).length))}&${enc(SCRIPT).repeat(Math.ceil(HUGE / enc(SCRIPT).length))}=1&sched=cosine`,
    ['seed', SCRIPT], { sched: 'cosine' }],
  ['malformed escapes', `steps=%E0%A4%A&%ZZ=1&seed=%&momentum=%ED%A0%80&${enc(IMG)}%=1&sched=step`,
    ['steps', '%ZZ', 'seed', 'momentum'], { sched: 'step' }],
  ['unicode', `${enc('\u202Elr')}=1&opt=${enc('ａｄａｍ')}&%00=%00&${enc('😈')}=${enc('😈')}&noise=${enc('\u200F1')}&seed=7`,
    ['\u202Elr', 'opt', '\u0000', '😈', 'noise'], { seed: '7' }],
  ['100,000 unknown and repeated keys', `${'a&'.repeat(80000)}${'seed=3&'.repeat(20000)}opt=${enc(SCRIPT)}`,
    ['opt', 'more unknown, repeated or malformed entries, not listed'], { seed: '3' }],
  ['hostile pins', `pin=${enc(`lr=${SCRIPT}`)}&pin=${enc(`${IMG}=1`)}&pin=%ZZ&pin=${enc(`v=${SVG}`)}&embed=${enc(SCRIPT)}&ui=${enc(IMG)}`,
    ['pin 1: lr', 'pin 2: ', 'pin 3', 'pin 4'], {}],
];

// Set before the page's own scripts: the flag every payload would raise,
// and the dialogs they would open.
function trap() {
  window.__pwned = 0;
  for (const name of ['alert', 'confirm', 'prompt']) {
    const original = window[name];
    window[name] = function (...args) {
      window.__pwned = 2;
      return original.apply(this, args);
    };
  }
}

// open() of tests/lib/browser.mjs, with the trap installed before navigation.
async function openTrapped(browser, url) {
  const opened = await newPage(browser, { init: trap });
  await opened.page.goto(url);
  await opened.page.waitForFunction(() => /^[0-9a-f]{16}$/.test(document.getElementById('fingerprint')?.textContent ?? ''));
  await opened.page.waitForTimeout(200); // an <img onerror> would fire after its request fails
  return opened;
}

// What a payload could have left in the document.
const inspect = (page) => page.evaluate(() => {
  const all = [...document.querySelectorAll('*')];
  const notices = document.getElementById('notices');
  return {
    pwned: window.__pwned,
    tags: Object.fromEntries(['img', 'svg', 'iframe', 'object', 'embed', 'script'].map((t) => [t, document.getElementsByTagName(t).length])),
    payloadElements: document.querySelectorAll('img[src="x"], script:not([src]), svg[onload], iframe[src^="javascript:"]').length,
    handlers: all.flatMap((e) => [...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${e.tagName}[${a.name}]`)),
    pwnedAttributes: all.filter((e) => [...e.attributes].some((a) => a.value.includes('__pwned'))).map((e) => e.tagName),
    scripts: [...document.scripts].map((s) => s.src),
    polluted: ['lr', 'polluted', 'steps'].filter((k) => ({})[k] !== undefined || Object.prototype[k] !== undefined),
    noticesHidden: notices.hidden,
    notices: [...notices.children].map((li) => ({ tag: li.tagName, text: li.textContent, children: li.children.length })),
    controls: Object.fromEntries([...document.querySelectorAll('[id^="key-"]')].map((c) => [c.id.slice(4), c.value])),
  };
});

describe('hostile links in Chromium', { concurrency: 3 }, () => {
  let server, browser, clean;
  before(async () => {
    server = await serve();
    browser = await launch();
    // the page's own elements and scripts, from a clean link
    const { page, context } = await openTrapped(browser, `${server.url}#${BASE}`);
    clean = await inspect(page);
    await context.close();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a clean link: the baseline has no inline handler and no notice', () => {
    assert.equal(clean.pwned, 0);
    assert.deepEqual(clean.handlers, []);
    assert.equal(clean.payloadElements, 0);
    assert.equal(clean.noticesHidden, true);
    assert.equal(clean.controls.lr, KEPT.lr);
    assert.equal(clean.controls.problem, KEPT.problem);
  });

  for (const [name, hash, named, kept] of CASES) {
    it(name, async () => {
      const { page, context, problems, dialogs } = await openTrapped(browser, `${server.url}#${BASE}&${hash}`);
      const seen = await inspect(page);
      await context.close();
      assert.equal(seen.pwned, 0, 'a payload ran');
      assert.deepEqual(dialogs, []);
      assert.deepEqual(problems, []);
      assert.equal(seen.payloadElements, 0);
      assert.deepEqual(seen.tags, clean.tags, 'elements of a payload');
      assert.deepEqual(seen.handlers, []);
      assert.deepEqual(seen.pwnedAttributes, []);
      assert.deepEqual(seen.scripts, clean.scripts);
      assert.deepEqual(seen.polluted, []);
      // the notice: one plain-text item per issue, short, naming each bad key
      assert.equal(seen.noticesHidden, false);
      assert.ok(seen.notices.length <= 100, `${seen.notices.length} notices`);
      for (const li of seen.notices) {
        assert.equal(li.tag, 'LI');
        assert.equal(li.children, 0, `markup in a notice: ${li.text}`);
        assert.ok(li.text.length <= 400, `a notice of ${li.text.length} chars`);
      }
      const text = seen.notices.map((li) => li.text).join('\n');
      for (const key of named) assert.ok(text.includes(key), `the notice names ${JSON.stringify(key)}:\n${text}`);
      // the valid settings beside the hostile ones still apply
      for (const [key, value] of Object.entries({ ...KEPT, ...kept })) assert.equal(seen.controls[key], value, `#key-${key}`);
    });
  }
});
