// The pins of a link (web/compare.js readPins, as web/link.js readLink
// reads a link): garbage takes no place, nothing is dropped without a word,
// and pin= is decoded as every other key of a link.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_PINS, readPins } from '../web/compare.js';
import { readLink } from '../web/link.js';
import { canonicalize, parse } from '../web/preset.js';

const pin = (text) => `&pin=${encodeURIComponent(canonicalize(parse(text).preset))}`;
const lrs = (presets) => presets.map((p) => p.lr);
const keys = (issues) => issues.map((i) => i.key);
const GARBAGE = ['&pin=%ZZ', '&pin=v%3D2', '&pin=', '&pin', `&pin=${encodeURIComponent('{"lr":')}`];

describe('pins in a link', () => {
  it('a pin that cannot be read takes no place: a valid sixth is kept', () => {
    const { presets, issues } = readPins(`#v=1${GARBAGE.join('')}${pin('v=1&lr=0.5')}`);
    assert.deepEqual(lrs(presets), [0.5]);
    assert.deepEqual(keys(issues), ['pin 1', 'pin 2', 'pin 3', 'pin 4', 'pin 5']);
    assert.match(issues[0].reason, /malformed %-escape/);
    assert.match(issues[1].reason, /unknown preset version 2/);
    assert.equal(issues[2].reason, 'empty; ignored');
    assert.equal(issues[3].reason, 'empty; ignored');
    assert.match(issues[4].reason, /^preset: not valid JSON/);
  });

  it('pins past the fifth run are reported by number, not dropped without a word', () => {
    const seven = [1, 2, 3, 4, 5, 6, 7].map((k) => pin(`v=1&lr=0.0${k}`)).join('');
    const { presets, issues } = readPins(`#v=1${seven}`);
    assert.equal(presets.length, MAX_PINS);
    assert.deepEqual(lrs(presets), [0.01, 0.02, 0.03, 0.04, 0.05]);
    assert.deepEqual(issues, [{ key: 'pins 6 to 7', reason: 'ignored: a link pins at most 5 runs' }]);
    assert.deepEqual(readPins(`#v=1${seven.split('&').slice(0, 7).join('&')}`).issues,
      [{ key: 'pin 6', reason: 'ignored: a link pins at most 5 runs' }]);
  });

  it('a pin that repeats an earlier run takes no place and says so', () => {
    const { presets, issues } = readPins(`#v=1${pin('v=1&lr=0.5')}&pin=lr%3D0.5%26v%3D1${pin('v=1&lr=0.2')}`);
    assert.deepEqual(lrs(presets), [0.5, 0.2]);
    assert.deepEqual(issues, [{ key: 'pin 2', reason: 'the same run as pin 1; ignored' }]);
  });

  it('pin= is decoded as every key of a link (as %65mbed= is embed=); pins= is reported as unknown', () => {
    const { pins, issues, view } = readLink(`#v=1&problem=quadratic&p%69n=v%3D1%26lr%3D0.3&pi%6E=v%3D1%26lr%3D0.4&%65mbed=figure&pins=v%3D1`);
    assert.equal(view.embed, 'figure');
    assert.deepEqual(lrs(pins), [0.3, 0.4]);
    assert.deepEqual(issues, [{ key: 'pins', reason: 'unknown key, ignored' }]);
  });

  it('a flood of pins is read in bounded time with a bounded list of issues', () => {
    const started = performance.now();
    for (const tail of ['&pin=x'.repeat(200000), '&pin=%ZZ'.repeat(200000), `${pin('v=1&lr=0.5')}`.repeat(100000)]) {
      const { presets, issues } = readPins(`#v=1${tail}`);
      assert.ok(presets.length <= 1);
      assert.ok(issues.length <= 22, `${issues.length} issues`);
      assert.match(issues.at(-1).reason, /^ignored|not read/, JSON.stringify(issues.at(-1)));
    }
    assert.ok(performance.now() - started < 5000, `${performance.now() - started} ms`);
  });
});
