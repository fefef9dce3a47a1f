// web/points.js: the link encoding of a student's own data. The layout is
// checked against Node's own zlib and base64url (independent of fflate and of
// the module's base64url), the digest against a BigInt FNV-1a; every refusal
// has its exact message; a decompression bomb is refused without being made.
import { describe, it, test } from 'node:test';
import assert from 'node:assert/strict';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { parseCsv } from '../web/csv.js';
import { LINK_ROWS, decodePoints, encodePoints, pointsDigest, pointsText } from '../web/points.js';

// A seeded generator (mulberry32): the same data every run.
function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Any finite float32 bit pattern, -0, subnormals and the extremes included.
function anyFloats(count, rand) {
  const bits = new Uint32Array(count), out = new Float32Array(bits.buffer);
  for (let i = 0; i < count; i++) {
    do bits[i] = Math.floor(rand() * 4294967296);
    while (!Number.isFinite(out[i]));
  }
  return out;
}

function classification(n, k, { names = null, seed = 1, floats = 'any' } = {}) {
  const rand = random(seed);
  const x = floats === 'any' ? anyFloats(2 * n, rand) : Float32Array.from({ length: 2 * n }, () => Math.round(rand() * 2000 - 1000) / 100);
  const y = Float32Array.from({ length: n }, (_, i) => (i < k ? i : Math.floor(rand() * k)));
  return { kind: 'classification', n, d: 2, x, y, classes: k, names };
}

function regression(n, seed = 2) {
  const rand = random(seed);
  return { kind: 'regression', n, d: 1, x: anyFloats(n, rand), y: anyFloats(n, rand), classes: 0, names: null };
}

const bitsOf = (a) => [...new Uint32Array(a.buffer, a.byteOffset, a.length)];

function assertSame(got, data) {
  assert.equal(got.kind, data.kind);
  assert.equal(got.n, data.n);
  assert.equal(got.d, data.d);
  assert.equal(got.classes, data.classes);
  assert.deepEqual(got.names, data.names);
  assert.ok(got.x instanceof Float32Array && got.y instanceof Float32Array);
  assert.deepEqual(bitsOf(got.x), bitsOf(data.x), 'x bits');
  assert.deepEqual(bitsOf(got.y), bitsOf(data.y), 'y bits');
  assert.equal(got.header, null);
  assert.deepEqual(got.notes, []);
}

function roundTrip(data) {
  const text = encodePoints(data);
  const r = decodePoints(text, { maxRows: Math.max(10000, data.n) });
  assert.ok(r.ok, r.error);
  assertSame(r.data, data);
  return text;
}

// The v1 bytes, written from the layout alone.
function layout({ n, x, y, classes, names }) {
  const nameBytes = (names ?? []).map((s) => Buffer.from(s, 'utf8'));
  const parts = [Buffer.from([classes, nameBytes.length]), Buffer.alloc(4)];
  parts[1].writeUInt32LE(n);
  for (const b of nameBytes) parts.push(Buffer.from([b.length]), b);
  const le = (values) => {
    const b = Buffer.alloc(values.length * 4);
    values.forEach((v, i) => b.writeFloatLE(v, i * 4));
    return b;
  };
  parts.push(le(x), classes ? Buffer.from(y) : le(y));
  return Buffer.concat(parts);
}

// A text from raw bytes, deflated by Node's zlib.
const textOf = (bytes) => `1.${deflateRawSync(bytes).toString('base64url')}`;
const bytesOf = (text) => inflateRawSync(Buffer.from(text.slice(2), 'base64url'));

function fnv1a64(bytes) {
  let h = 0xcbf29ce484222325n;
  for (const b of bytes) h = ((h ^ BigInt(b)) * 0x100000001b3n) & 0xffffffffffffffffn;
  return h.toString(16).padStart(16, '0');
}

describe('round trips, bit for bit', () => {
  const CASES = {
    'classification, integer labels, n = 4': classification(4, 2),
    'classification, 8 classes': classification(50, 8, { seed: 3 }),
    'classification, names': classification(30, 3, { names: ['setosa', 'versicolor', 'virginica'] }),
    'classification, 32-byte and unicode names': classification(9, 4, { names: ['A', 'a', 'é'.repeat(16), '😀 🙂'] }),
    'regression, n = 4': regression(4),
    'regression, edges': {
      kind: 'regression', n: 6, d: 1, classes: 0, names: null,
      x: Float32Array.of(-0, 0, 1e-45, -1e-45, 3.4028234663852886e38, -3.4028234663852886e38),
      y: Float32Array.of(1.1754942e-38, 0.1, -0, 16777216, -1, 2),
    },
    'classification, n = 10,000': classification(10000, 5, { seed: 4 }),
    'regression, n = 10,000': regression(10000, 5),
  };
  for (const [name, data] of Object.entries(CASES)) {
    it(name, () => {
      const text = roundTrip(data);
      assert.match(text, /^1\.[A-Za-z0-9_-]+$/);
      // the layout, read with Node's zlib and base64url
      assert.deepEqual(bytesOf(text), layout(data));
      assert.equal(pointsDigest(data), fnv1a64(layout(data)));
    });
  }

  it('what parseCsv gives, back again', () => {
    for (const csv of ['a,b,kind\n0.1,2,cat\n3,-4e-7,dog\n5,6,cat\n7,8,ant', '1;2\n3;4\n5;-0\n1e-40;8']) {
      const parsed = parseCsv(csv);
      assert.ok(parsed.ok, parsed.error);
      const { data } = decodePoints(encodePoints(parsed));
      for (const key of ['kind', 'n', 'd', 'classes', 'names']) assert.deepEqual(data[key], parsed[key], key);
      assert.deepEqual(bitsOf(data.x), bitsOf(parsed.x));
      assert.deepEqual(bitsOf(data.y), bitsOf(parsed.y));
    }
  });

  it('the same data, the same text', () => {
    const data = classification(500, 3, { names: ['a', 'b', 'c'], seed: 9 });
    const copy = { ...data, x: data.x.slice(), y: data.y.slice(), names: [...data.names] };
    assert.equal(encodePoints(data), encodePoints(copy));
    assert.equal(pointsDigest(data), pointsDigest(copy));
    // and one bit of one value changes both
    copy.x[123] = Math.fround(copy.x[123] * (1 + 2 ** -20));
    assert.notEqual(encodePoints(data), encodePoints(copy));
    assert.notEqual(pointsDigest(data), pointsDigest(copy));
  });
});

// Links made today must read the same tomorrow: two texts pinned (and so the
// fflate release, whose output they are, and the layout).
test('pinned links', () => {
  const GOLDEN = [
    ['1.Y2ZmY2BgYE7MK2FOSk1lTk4sAXLtGRga9jMwCDgwMDgAMUNDvlCzFQPDAxDbkYFBAogVDp49c8b21CfPQgZGJkYGJgA', '0a2e04eb3d334704', {
      kind: 'classification', n: 6, d: 2, classes: 3, names: ['ant', 'bee', 'cat'],
      x: Float32Array.of(0.5, -1, 2.25, 3, -0, 1e-3, 7, 8, 9.5, -10, 0.1, 1e30), y: Float32Array.of(0, 1, 2, 1, 0, 2),
    }],
    ['1.Y2BgYQCBBnsg4QBEQNwAxAf2g4UZFBwOiTEyAAA', 'a63633624db03564', {
      kind: 'regression', n: 4, d: 1, classes: 0, names: null, x: Float32Array.of(1, 2, 3, 4), y: Float32Array.of(-1.5, 0, 2.5, 1e-40),
    }],
  ];
  for (const [text, digest, data] of GOLDEN) {
    const r = decodePoints(text);
    assert.ok(r.ok, r.error);
    assertSame(r.data, { ...data, header: null, notes: [] });
    assert.equal(encodePoints(data), text);
    assert.equal(pointsDigest(data), digest);
  }
});

test('the digest: FNV-1a 64, 16 hex digits', () => {
  // the reference itself, on the published vectors
  assert.equal(fnv1a64(Buffer.from('')), 'cbf29ce484222325');
  assert.equal(fnv1a64(Buffer.from('a')), 'af63dc4c8601ec8c');
  assert.equal(fnv1a64(Buffer.from('foobar')), '85944171f73967e8');
  for (let seed = 0; seed < 20; seed++) {
    const data = seed % 2 ? regression(4 + seed * 7, seed) : classification(4 + seed * 5, 2 + (seed % 7), { seed });
    const digest = pointsDigest(data);
    assert.match(digest, /^[0-9a-f]{16}$/);
    assert.equal(digest, fnv1a64(layout(data)));
  }
});

test('size of a link: 1,000 and 2,000 rows, 3 classes', (t) => {
  // Random float32 bit patterns hardly compress: 9 bytes a row, 4/3 of it in
  // base64url, so 12 characters a row plus 1% and 100 characters at most.
  // Values typed with two decimals compress somewhat better.
  for (const n of [1000, LINK_ROWS]) {
    for (const floats of ['any', 'typed']) {
      const text = encodePoints(classification(n, 3, { seed: n, floats, names: ['setosa', 'versicolor', 'virginica'] }));
      const bound = Math.ceil(n * 12 * 1.01) + 100;
      t.diagnostic(`${n} rows, ${floats === 'any' ? 'random float32 bits' : 'two-decimal values'}: ${text.length} characters (bound ${bound})`);
      assert.ok(text.length < bound, `${text.length} characters`);
    }
  }
  assert.equal(LINK_ROWS, 2000);
});

test('pointsText', () => {
  assert.equal(pointsText(classification(150, 3, { names: ['setosa', 'versicolor', 'virginica'] })), '150 rows, 3 classes (setosa, versicolor, virginica)');
  assert.equal(pointsText(classification(1234, 4)), '1,234 rows, 4 classes (0 to 3)');
  assert.equal(pointsText(regression(200)), '200 rows of (x, y)');
  const long = pointsText(classification(10, 8, { names: Array.from({ length: 8 }, (_, i) => `${i}${'n'.repeat(31)}`) }));
  assert.ok(long.length <= 110 && long.endsWith('…)'), long);
});

describe('refusals', () => {
  const valid = classification(20, 3, { names: ['a', 'b', 'c'], seed: 7 });
  const bytes = layout(valid);
  const edit = (f) => {
    const b = Buffer.from(bytes);
    f(b);
    return textOf(b);
  };
  const header = (k, m, n) => {
    const b = Buffer.alloc(6);
    b[0] = k, b[1] = m, b.writeUInt32LE(n, 2);
    return b;
  };
  const regressionBytes = layout(regression(6));
  const CASES = [
    ['not text', 42, 'points: not text'],
    ['not text: null', null, 'points: not text'],
    ['empty', '', 'points: not version 1'],
    ['version 2', '2.abcd', 'points: not version 1'],
    ['no dot', '1abcd', 'points: not version 1'],
    ['a space', '1. abc', 'points: not valid base64url'],
    ['padding', '1.AAA=', 'points: not valid base64url'],
    ["base64's + and /", '1.ab+/', 'points: not valid base64url'],
    ['a length of 1 mod 4', '1.AAAAA', 'points: not valid base64url'],
    ['unused bits set', '1.AB', 'points: not valid base64url'],
    ['non-ASCII', '1.AAé', 'points: not valid base64url'],
    ['no data', '1.', 'points: the data are damaged (0 bytes)'],
    ['not deflate', '1.____', 'points: the data are damaged (invalid block type)'],
    ['5 bytes', textOf(Buffer.alloc(5)), 'points: the data are damaged (5 bytes)'],
    ['1 class', textOf(header(1, 0, 4)), 'points: 1 class: 2 to 8, or 0 for a regression'],
    ['9 classes', textOf(header(9, 0, 4)), 'points: 9 classes: 2 to 8, or 0 for a regression'],
    ['2 names for 3 classes', textOf(header(3, 2, 4)), 'points: 2 names for 3 classes'],
    ['3 rows', textOf(header(3, 0, 3)), 'points: 3 rows: at least 4'],
    ['10,001 rows', textOf(header(3, 0, 10001)), 'points: 10,001 rows: at most 10,000'],
    ['4 billion rows', textOf(header(0, 0, 2 ** 32 - 1)), 'points: 4,294,967,295 rows: at most 10,000'],
    ['a name cut off', textOf(Buffer.concat([header(2, 2, 4), Buffer.from([1, 97, 5, 98])])), 'points: the data are damaged (a name is cut off)'],
    ['a byte too many', textOf(Buffer.concat([bytes, Buffer.from([0])])), `points: the data are damaged (${bytes.length + 1} bytes, expected ${bytes.length})`],
    ['a byte too few', textOf(bytes.subarray(0, -1)), `points: the data are damaged (${bytes.length - 1} bytes, expected ${bytes.length})`],
    ['label 5 of 3 classes', edit((b) => (b[b.length - 20 + 11] = 5)), 'points: label 5 at row 12 is not below 3 classes'],
    ['NaN in x', edit((b) => b.writeFloatLE(NaN, 6 + 6 + 2 * 8 + 4)), 'points: row 3 has NaN or infinity'],
    ['infinity in a regression y', textOf(Buffer.concat([regressionBytes.subarray(0, -4), Buffer.from(Float32Array.of(-Infinity).buffer)])),
      'points: row 6 has NaN or infinity'],
    ['one class', edit((b) => b.fill(1, b.length - 20)), 'points: only one class (b): a classifier needs at least 2'],
    ['class 0 with no rows', edit((b) => b.fill(1, b.length - 20, b.length - 10) && b.fill(2, b.length - 10)), 'points: class 0 has no rows (labels are 0..2: each needs a row)'],
    ['a class with no rows', edit((b) => b.fill(2, b.length - 10) && b.fill(0, b.length - 20, b.length - 10)), 'points: class 1 has no rows (labels are 0..2: each needs a row)'],
    ['an empty name', textOf(Buffer.concat([header(2, 2, 4), Buffer.from([0, 1, 97])])), 'points: name 1 is 0 bytes: 1 to 32'],
    ['a 33-byte name', textOf(Buffer.concat([header(2, 2, 4), Buffer.from([33, ...Buffer.from('a'.repeat(33)), 1, 98])])), 'points: name 1 is 33 bytes: 1 to 32'],
    ['names out of order', edit((b) => b.set([98], 7) || b.set([97], 9)), 'points: the names are not distinct and in code-unit order'],
    ['names repeated', edit((b) => b.set([97], 9)), 'points: the names are not distinct and in code-unit order'],
    ['invalid UTF-8', edit((b) => b.set([0xff], 9)), 'points: name 2 is not valid UTF-8'],
    ['an encoded surrogate', textOf(Buffer.concat([header(2, 2, 4), Buffer.from([1, 97, 3, 0xed, 0xa0, 0x80])])), 'points: name 2 is not valid UTF-8'],
    ['a name with a space', edit((b) => b.set([32], 11)), "points: name 3 ' ' has spaces around it"],
  ];
  for (const [name, text, error] of CASES) {
    it(name, () => assert.deepEqual(decodePoints(text), { ok: false, error }));
  }

  it('a text longer than the cap, unread', () => {
    const r = decodePoints(`1.${'A'.repeat(200000)}`);
    assert.match(r.error, /^points: 200,002 characters: at most 1[23]\d,\d{3}$/);
    // the cap follows maxRows, as does the row limit
    assert.match(decodePoints(`1.${'A'.repeat(2000)}`, { maxRows: 100 }).error, /^points: 2,002 characters: at most 1,\d{3}$/);
    assert.equal(decodePoints(encodePoints(classification(101, 2))).ok, true);
    assert.equal(decodePoints(encodePoints(classification(101, 2)), { maxRows: 100 }).error, 'points: 101 rows: at most 100');
    // and the largest data the default allows fit under it
    assert.ok(decodePoints(encodePoints(classification(10000, 8, { names: Array.from({ length: 8 }, (_, i) => `${i}${'n'.repeat(31)}`) }))).ok);
  });

  it('encodePoints and pointsDigest refuse what parseCsv could not give', () => {
    const bad = {
      'a kind': { ...valid, kind: 'clustering' },
      '3 rows': classification(3, 2),
      'x too short': { ...valid, x: valid.x.subarray(1) },
      'x a plain array': { ...valid, x: [...valid.x] },
      'NaN': { ...valid, x: Float32Array.from(valid.x, (v, i) => (i === 5 ? NaN : v)) },
      'label 3 of 3': { ...valid, y: Float32Array.from(valid.y, (v, i) => (i === 5 ? 3 : v)) },
      'label 0.5': { ...valid, y: Float32Array.from(valid.y, (v, i) => (i === 5 ? 0.5 : v)) },
      '9 classes': { ...valid, classes: 9, names: null },
      'names unsorted': { ...valid, names: ['b', 'a', 'c'] },
      'a lone surrogate': { ...valid, names: ['a', 'b', 'c\uD800'] },
      'a regression with names': { ...regression(5), names: ['a'] },
      'null': null,
    };
    for (const [name, data] of Object.entries(bad)) {
      assert.throws(() => encodePoints(data), TypeError, name);
      assert.throws(() => pointsDigest(data), TypeError, name);
    }
  });
});

describe('truncated and modified texts', () => {
  const text = encodePoints(classification(40, 3, { names: ['cat', 'dog', 'emu'], seed: 11 }));

  it('every shorter prefix is refused', () => {
    for (let end = 0; end < text.length; end++) assert.equal(decodePoints(text.slice(0, end)).ok, false, `prefix of ${end}`);
  });

  test('characters replaced: refused or valid data, never a throw', (t) => {
    let accepted = 0, tried = 0;
    const alphabet = 'AZaz09-_Q';
    for (let i = 2; i < text.length; i += 2) {
      for (const c of alphabet) {
        if (c === text[i]) continue;
        const r = decodePoints(text.slice(0, i) + c + text.slice(i + 1));
        tried++;
        if (r.ok) {
          accepted++;
          // what a link gives is always data a link can carry
          assert.equal(decodePoints(encodePoints(r.data)).ok, true);
        } else {
          assert.match(r.error, /^points: /);
        }
      }
    }
    // raw DEFLATE has no checksum: a changed literal (here random float32
    // bits) can decode to other valid data; pointsDigest tells them apart
    t.diagnostic(`${tried} one-character changes: ${accepted} decode to valid (other) data`);
    assert.ok(tried > 1000);
  });
});

// A raw DEFLATE stream, written bit by bit, of one zero byte and then
// `copies` copies of 258 bytes at distance 1: 2 bits a copy, DEFLATE's best.
function bomb(copies) {
  const out = [];
  let acc = 0, bits = 0;
  const put = (value, count) => {
    for (let i = 0; i < count; i++) {
      acc |= ((value >> i) & 1) << bits;
      if (++bits === 8) out.push(acc), (acc = 0), (bits = 0);
    }
  };
  // a Huffman code, MSB first
  const code = (value, length) => {
    for (let i = length - 1; i >= 0; i--) put((value >> i) & 1, 1);
  };
  put(1, 1), put(2, 2); // final block, dynamic Huffman
  put(286 - 257, 5), put(0, 5), put(18 - 4, 4); // 286 lit/len codes, 1 distance code, 18 code-length codes
  // code-length code lengths in DEFLATE's order 16 17 18 0 8 7 9 6 10 5 11 4 12 3 13 2 14 1
  // (0, 1, 18 of 2 bits: 00 01 10; 2, 17 of 3 bits: 110 111)
  for (const length of [0, 3, 2, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 2]) put(length, 3);
  const CL = { 0: [0, 2], 1: [1, 2], 18: [2, 2], 2: [6, 3], 17: [7, 3] };
  const len = (l) => code(...CL[l]);
  const zeros = (n) => (len(18), put(n - 11, 7));
  // literal 0 of 2 bits, 1..255 none, 256 (end) of 2 bits, 257..284 none, 285 (length 258) of 1 bit
  len(2), zeros(138), zeros(117), len(2), zeros(28), len(1);
  len(1); // distance code 0 (distance 1) of 1 bit
  code(2, 2); // literal 0 (codes: 285 → 0, 0 → 10, 256 → 11)
  for (let i = 0; i < copies; i++) put(0, 2); // 285 (258 bytes), distance 1
  code(3, 2); // end of block
  if (bits) out.push(acc);
  return Buffer.from(out);
}

describe('decompression bombs', () => {
  it('the bomb is what it says (checked small)', () => {
    assert.deepEqual(inflateRawSync(bomb(1000)), Buffer.alloc(1 + 258 * 1000));
  });

  test('100 MB from 97 KB under the text cap: refused at once, never made', (t) => {
    const copies = Math.ceil(100e6 / 258);
    const text = `1.${bomb(copies).toString('base64url')}`;
    const before = process.memoryUsage().arrayBuffers;
    const start = performance.now();
    const r = decodePoints(text);
    const ms = performance.now() - start;
    const grown = process.memoryUsage().arrayBuffers - before;
    t.diagnostic(`${text.length} characters that inflate to ${(1 + 258 * copies).toLocaleString('en')} bytes: ${ms.toFixed(1)} ms, ${(grown / 1e6).toFixed(1)} MB more array buffers`);
    assert.equal(r.error, 'points: the data are damaged (more than 90,270 bytes)');
    assert.ok(ms < 500, `${ms} ms`);
    assert.ok(grown < 30e6, `${grown} bytes`);
  });

  test('with a large maxRows, inflation still stops at what it allows', (t) => {
    const text = `1.${bomb(Math.ceil(100e6 / 258)).toString('base64url')}`;
    const start = performance.now();
    const r = decodePoints(text, { maxRows: 1e6 });
    const ms = performance.now() - start;
    t.diagnostic(`maxRows 1,000,000: ${ms.toFixed(1)} ms`);
    assert.equal(r.error, 'points: the data are damaged (more than 9,000,270 bytes)');
    assert.ok(ms < 2000, `${ms} ms`);
  });
});

// fflate's code, tables and all, runs at the first call of fflate(): not
// when a page that has points.js (app.js) is evaluated (issue #15: 7 ms of
// every load's start, for the few links that carry their own data).
test('fflate runs at its first call, not when it is loaded', async () => {
  const made = [];
  const Real = globalThis.Uint16Array;
  globalThis.Uint16Array = class extends Real {
    constructor(...args) {
      super(...args);
      made.push(this.length);
    }
  };
  try {
    const m = await import('../web/gen/fflate.mjs?first-call'); // a module of its own, not yet run
    assert.deepEqual(Object.keys(m), ['fflate']);
    assert.deepEqual(made, []);
    const f = m.fflate();
    assert.ok(made.includes(32768), `tables made: ${made}`);
    assert.equal(m.fflate(), f);
    const bytes = new Uint8Array([1, 2, 3, 250, 250, 250, 250]);
    assert.deepEqual(new Uint8Array(inflateRawSync(f.deflateSync(bytes, { level: 9 }))), bytes);
    assert.equal(typeof f.Inflate, 'function');
  } finally {
    globalThis.Uint16Array = Real;
  }
});
