// web/embed.js, the course page's script, in a bare window (node:vm): loaded
// twice (two pasted snippets) it listens once, and it takes a height only
// from a message of exactly the shape { type, height }, no more.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import vm from 'node:vm';
import { HEIGHT_MESSAGE as TYPE } from '../web/view.js';

const SOURCE = readFileSync(new URL('../web/embed.js', import.meta.url), 'utf8');

// A course page with one sandboxed lr-playground iframe; its window posts.
function coursePage() {
  const listeners = [];
  const source = {}; // the iframe's window
  const frame = {
    contentWindow: source, src: 'https://lr.example/index.html#v=1&embed=1', style: {},
    hasAttribute: (name) => name === 'sandbox', sandbox: { contains: () => false },
  };
  const window = {
    addEventListener: (type, fn) => listeners.push({ type, fn }),
    location: { href: 'https://course.example/week3.html' },
    document: { querySelectorAll: (selector) => (selector === 'iframe[data-lr-playground]' ? [frame] : []) },
    URL,
  };
  window.window = window;
  const context = vm.createContext(window);
  const load = () => vm.runInContext(SOURCE, context);
  const post = (data) => {
    for (const l of listeners) if (l.type === 'message') l.fn({ data, source, origin: 'null' });
  };
  return { listeners, frame, load, post };
}

describe('embed.js', () => {
  it('is idempotent: two copies on one page add one listener', () => {
    const page = coursePage();
    page.load();
    page.load();
    assert.equal(page.listeners.filter((l) => l.type === 'message').length, 1);
    page.post({ type: TYPE, height: 321 });
    assert.equal(page.frame.style.height, '321px');
  });

  it('takes exactly { type, height }: no extra key, no array, no other object', () => {
    const page = coursePage();
    page.load();
    const forged = [
      { type: TYPE, height: 300, extra: 1 },
      { type: TYPE, height: 300, __proto__: null, more: 'x' },
      Object.assign([], { type: TYPE, height: 300 }),
      Object.assign(new Date(0), { type: TYPE, height: 300 }),
      { type: TYPE },
      { height: 300 },
      { type: TYPE, height: 0 },
      { type: TYPE, height: 20001 },
      { type: TYPE, height: '300' },
      null, TYPE, 300,
    ];
    for (const data of forged) {
      page.post(data);
      assert.equal(page.frame.style.height, undefined, JSON.stringify(data));
    }
    page.post({ height: 40.2, type: TYPE }); // either order; an object of another realm (this one, not the vm's)
    assert.equal(page.frame.style.height, '41px');
    page.post({ type: TYPE, height: 20000 });
    assert.equal(page.frame.style.height, '20000px');
  });
});
