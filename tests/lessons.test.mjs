// Each lesson's claim, checked on the very run its link shows (the same
// WASM core the page loads), and its pins are valid presets.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadCore } from '../web/core.js';
import { LESSONS, lessonHash } from '../web/lessons.js';
import { canonicalize, parse } from '../web/preset.js';

const core = await loadCore();

describe('lessons', () => {
  it('cover the facts the page promises', () => {
    assert.ok(LESSONS.length >= 11);
    for (const l of LESSONS) {
      assert.ok(l.title && l.sentence && l.preset, l.title);
      assert.match(lessonHash(l), /^#v=1&/);
      // canonical, so that the page's rewritten hash is the lesson's link
      for (const p of [l.preset, ...(l.pins ?? [])]) assert.equal(canonicalize(parse(p).preset), p);
    }
  });

  for (const lesson of LESSONS) {
    it(`${lesson.title}: the claim holds`, () => {
      const { preset, issues } = parse(lesson.preset);
      assert.deepEqual(issues, [], 'the preset is clean');
      for (const p of lesson.pins ?? []) assert.deepEqual(parse(p).issues, [], `pin ${p} is clean`);
      assert.equal(lesson.check(core.run(preset), core), true, lesson.sentence);
    });
  }
});
