// web/palette.js: the classes' styles and the decision map's shade.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SHAPES } from '../web/decision.js';
import { CLASS_STYLES, TINT0, TINT1, classShade, hex, mix } from '../web/palette.js';

// WCAG 2.1's relative luminance and contrast ratio.
const luminance = (h) => {
  const [r, g, b] = hex(h).map((v) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
const contrast = (a, b) => {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
};
const WHITE = [255, 255, 255];

describe('palette', () => {
  it('gives each of 8 classes its own colour, outline, tint and shape', () => {
    assert.equal(CLASS_STYLES.length, 8);
    for (const key of ['name', 'colour', 'tint', 'shape']) assert.equal(new Set(CLASS_STYLES.map((s) => s[key])).size, 8, key);
    for (const s of CLASS_STYLES) {
      assert.ok(s.shape in SHAPES, s.shape);
      // the points' outline stands out on white (WCAG 1.4.11: 3:1)
      assert.ok(contrast(s.line, '#ffffff') >= 3, `${s.name}: outline ${contrast(s.line, '#ffffff').toFixed(2)}:1 on white`);
      // the tint is pale: the points stay visible on it
      assert.ok(luminance(s.tint) > 0.45 && luminance(s.tint) < 0.9, `${s.name}: tint luminance ${luminance(s.tint).toFixed(2)}`);
    }
    // classes 0 and 1 are the two-class map's blue circle and vermillion square
    assert.deepEqual(CLASS_STYLES.slice(0, 2).map((s) => [s.colour, s.shape]), [['#0072B2', 'circle'], ['#D55E00', 'square']]);
  });

  it('shades two classes as it always did: blue, white at 0.5, orange', () => {
    assert.deepEqual(classShade(0, 2), hex(TINT0));
    assert.deepEqual(classShade(0.5, 2), WHITE);
    assert.deepEqual(classShade(1, 2), hex(TINT1));
    assert.deepEqual(classShade(0.25, 2), mix(TINT0, '#ffffff', 0.5));
    assert.deepEqual(classShade(0.75, 2), mix('#ffffff', TINT1, 0.5));
  });

  it('shades k classes by the class predicted, from white at a guess (1/k) to its tint when sure', () => {
    for (const k of [3, 4, 8]) {
      for (let c = 0; c < k; c++) {
        assert.deepEqual(classShade(2 * c + 1 / k, k), WHITE, `k ${k}, class ${c} at 1/k`);
        assert.deepEqual(classShade(2 * c + 1, k), hex(CLASS_STYLES[c].tint), `k ${k}, class ${c} at 1`);
        const half = classShade(2 * c + (1 / k + 1) / 2, k);
        const want = mix('#ffffff', CLASS_STYLES[c].tint, 0.5);
        assert.ok(half.every((v, j) => Math.abs(v - want[j]) <= 1), `k ${k}, class ${c} half way: ${half}, not ${want}`);
      }
    }
    // darker (in every channel) as the model grows surer
    const shades = [0.34, 0.5, 0.7, 0.9, 1].map((p) => classShade(4 + p, 3));
    for (let i = 1; i < shades.length; i++) assert.ok(shades[i].every((v, j) => v <= shades[i - 1][j]), JSON.stringify(shades));
    assert.deepEqual(classShade(NaN, 4), WHITE);
    assert.deepEqual(classShade(Infinity, 4), WHITE);
  });
});
