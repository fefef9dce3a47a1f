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

    it(`${lesson.title}: notes that show the claim on the charts`, () => {
      const r = core.run(parse(lesson.preset).preset);
      const notes = lesson.notes(r, core);
      const all = [...(notes.loss ?? []), ...(notes.lr ?? []), ...(notes.path ?? [])];
      assert.ok(all.length >= 1, 'no note');
      const last = lesson.zoom ?? Math.max(r.loss.length - 1, ...(lesson.pins ?? []).map((p) => parse(p).preset.steps));
      for (const n of [...(notes.loss ?? []), ...(notes.lr ?? [])]) {
        assert.ok(Number.isInteger(n.t) && n.t >= 0 && n.t <= last, `${n.text}: step ${n.t} is not on the chart`);
        assert.ok(!Number.isNaN(n.y), n.text);
      }
      for (const n of notes.path ?? []) assert.ok(Number.isFinite(n.x) && Number.isFinite(n.y), n.text);
      for (const n of all) {
        assert.ok(n.text.length > 0 && n.text.length <= 48, `"${n.text}": a note is a few words`);
        assert.ok(n.pin === undefined || (lesson.pins && n.pin < lesson.pins.length), `${n.text}: no such pin`);
      }
    });
  }
});
