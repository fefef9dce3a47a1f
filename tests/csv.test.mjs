// web/csv.js: every accepted form of a student's CSV and every refusal, with
// its exact message (the line, the column and its name).
import { describe, it, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCsv, MAX_BYTES } from '../web/csv.js';

const f32 = (values) => Float32Array.from(values, Math.fround);
const rows = (count, row) => Array.from({ length: count }, (_, i) => row(i)).join('\n');

function accepted(text, options) {
  const r = parseCsv(text, options);
  assert.ok(r.ok, `refused: ${r.error}`);
  assert.deepEqual(Object.keys(r), ['ok', 'kind', 'n', 'd', 'x', 'y', 'classes', 'names', 'header', 'notes']);
  return r;
}

function refused(text, options) {
  const r = parseCsv(text, options);
  assert.deepEqual(Object.keys(r), ['ok', 'error'], r.ok ? `accepted ${JSON.stringify(text).slice(0, 80)}` : '');
  assert.equal(r.ok, false);
  return r.error;
}

describe('accepted forms', () => {
  // [name, text, what the result must hold]
  const CASES = [
    ['classification, integer labels', '1,2,0\n3,4,1\n5,6,0\n7,8,1\n',
      { kind: 'classification', n: 4, d: 2, x: f32([1, 2, 3, 4, 5, 6, 7, 8]), y: f32([0, 1, 0, 1]), classes: 2, names: null, header: null, notes: [] }],
    ['regression', '0.5,1\n1.5,2\n2.5,3\n3.5,-4',
      { kind: 'regression', n: 4, d: 1, x: f32([0.5, 1.5, 2.5, 3.5]), y: f32([1, 2, 3, -4]), classes: 0, names: null, header: null, notes: [] }],
    ['a header, classification', 'x1,x2,label\n1,2,0\n3,4,1\n5,6,2\n7,8,1',
      { n: 4, y: f32([0, 1, 2, 1]), classes: 3, header: ['x1', 'x2', 'label'], notes: ['Line 1 is a header: x1, x2, label.'] }],
    ['a header, regression', 'hours,score\n1,2\n3,4\n5,6\n7,8',
      { kind: 'regression', n: 4, x: f32([1, 3, 5, 7]), header: ['hours', 'score'], notes: ['Line 1 is a header: hours, score.'] }],
    ['a header with one name among numbers', '1,y\n1,2\n3,4\n5,6\n7,8', { n: 4, header: ['1', 'y'] }],
    ['a header after blank lines', '\n\n a , b \n1,2\n3,4\n5,6\n7,8', { n: 4, header: ['a', 'b'], notes: ['Line 3 is a header: a, b.'] }],
    ['a first row with a name label is data', '1,2,cat\n3,4,dog\n5,6,cat\n7,8,dog',
      { n: 4, header: null, names: ['cat', 'dog'], y: f32([0, 1, 0, 1]) }],
    ['names sorted by code unit, not by locale', '0,0,b\n0,0,B\n0,0,a\n0,0,Z\n0,0,é\n0,0,a',
      { n: 6, classes: 5, names: ['B', 'Z', 'a', 'b', 'é'], y: f32([3, 0, 2, 1, 4, 2]) }],
    ['a whole number among names is a name', '0,0,1\n0,0,cat\n0,0,10\n0,0,cat', { names: ['1', '10', 'cat'], y: f32([0, 2, 1, 2]) }],
    ['whole labels written as 2.0, 1e0, +0, 01', '0,0,2.0\n0,0,1e0\n0,0,+0\n0,0,01', { classes: 3, names: null, y: f32([2, 1, 0, 1]) }],
    ['8 integer classes', rows(8, (i) => `${i},0,${7 - i}`), { classes: 8, n: 8, y: f32([7, 6, 5, 4, 3, 2, 1, 0]) }],
    ['8 named classes', rows(16, (i) => `0,0,c${i % 8}`), { classes: 8, names: ['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7'] }],
    ['a 32-byte name', `0,0,${'é'.repeat(16)}\n0,0,a\n0,0,a\n0,0,a`, { names: ['a', 'é'.repeat(16)] }],
    ['quoted fields', '"1","2","cat dog"\n" 3 ",4,"x"\n5,6,x\n7,8,x', { x: f32([1, 2, 3, 4, 5, 6, 7, 8]), names: ['cat dog', 'x'] }],
    ['spaces and trailing whitespace', '  1 ,\t2 , 0  \t\n3,4,1   \n5,6,0\n7,8,1 ', { x: f32([1, 2, 3, 4, 5, 6, 7, 8]), y: f32([0, 1, 0, 1]) }],
    ['a byte-order mark', '\uFEFFa,b\n1,2\n3,4\n5,6\n7,8',
      { header: ['a', 'b'], notes: ['Removed a byte-order mark (BOM).', 'Line 1 is a header: a, b.'] }],
    ['CRLF line ends', '1,2\r\n3,4\r\n5,6\r\n7,8\r\n', { n: 4, x: f32([1, 3, 5, 7]), y: f32([2, 4, 6, 8]), notes: [] }],
    ['CR line ends', '1,2\r3,4\r5,6\r7,8\r', { n: 4, x: f32([1, 3, 5, 7]), y: f32([2, 4, 6, 8]) }],
    ['mixed line ends and blank lines', '\n1,2\r\n\r\n3,4\r5,6\n \t \n7,8\n\n\n', { n: 4, x: f32([1, 3, 5, 7]) }],
    ['semicolons', 'a;b;c\n1;2;0\n3;4;1\n5;6;0\n7;8;1',
      { n: 4, header: ['a', 'b', 'c'], notes: ["Read with ';' between values.", 'Line 1 is a header: a, b, c.'] }],
    ['tabs', '1\t2\n3\t4\n5\t6\n7\t8', { kind: 'regression', y: f32([2, 4, 6, 8]), notes: ['Read with tabs between values.'] }],
    ['number forms', '+1,.5\n5.,-2.5E-2\n1e3,1e-50\n0.1,-0', { x: f32([1, 5, 1000, 0.1]), y: f32([0.5, -0.025, 0, -0]) }],
    ['float32 range edges', '3.4028234663852886e38,-3.4028235e38\n1e-45,1e-46\n1,2\n1,2',
      { x: f32([3.4028234663852886e38, 1e-45, 1, 1]), y: f32([-3.4028234663852886e38, 0, 2, 2]) }],
  ];
  for (const [name, text, expected] of CASES) {
    it(name, () => {
      const r = accepted(text);
      for (const [key, value] of Object.entries(expected)) assert.deepEqual(r[key], value, key);
      assert.equal(r.x.length, r.n * r.d);
      assert.equal(r.y.length, r.n);
    });
  }

  it('values are Math.fround(Number(text)), bit for bit', () => {
    const texts = ['0.1', '-0', '16777217', '1.0000001', '3.4028235e38', '1.17549435e-38', '7e-46', '123456789.123456789'];
    const r = accepted(texts.map((t) => `${t},${t}`).join('\n'));
    const bits = (a) => [...new Uint32Array(a.buffer)];
    assert.deepEqual(bits(r.x), bits(Float32Array.from(texts, (t) => Math.fround(Number(t)))));
    assert.deepEqual(bits(r.y), bits(r.x));
  });
});

describe('refusals', () => {
  const LONG = 'q'.repeat(1000);
  // [name, text, the exact message]
  const CASES = [
    ['an empty file', '', 'the file is empty'],
    ['only blank lines', '\n \r\n\t\n', 'the file is empty'],
    ['only a byte-order mark', '\uFEFF', 'the file is empty'],
    ['5 values on the first row', '1,2,3,4,5\n1,2,3,4,5', 'a row needs 3 values (x1,x2,label) for classification or 2 (x,y) for regression; line 1 has 5'],
    ['1 value on the first row, after blank lines', '\n\n12\n1\n2\n3', 'a row needs 3 values (x1,x2,label) for classification or 2 (x,y) for regression; line 3 has 1'],
    ['4 values later', '1,2,0\n1,2,1\n1,2,0\n1,2,1,4', 'line 4: 4 values, expected 3 (x1,x2,label) like line 1'],
    ['1 value later, blank lines counted', '1,2\n\n1,2\n\n1,2\n7', 'line 6: 1 value, expected 2 (x,y) like line 1'],
    ['a header names the columns', 'a,b,c\n1,2,0\n1,2\n1,2,0\n1,2,1', 'line 3: 2 values, expected 3 (a,b,c) like line 1'],
    ['not a number', '1,2,0\n1,2,1\n1,abc,0\n1,2,1', "line 3, column 2 (x2): 'abc' is not a number"],
    ['not a number, header name', 'height,weight,kind\n1,2,0\n1,2,1\n1,2,0\n\n1,abc,1', "line 6, column 2 (weight): 'abc' is not a number"],
    ['hex', '1,2\n0x10,1\n1,2\n1,2', "line 2, column 1 (x): '0x10' is not a number"],
    ['underscores', '1,2\n1,2\n1,2\n1_000,2', "line 4, column 1 (x): '1_000' is not a number"],
    ['a decimal comma', '1;2\n1;2\n1;2,5\n1;2', "line 3, column 2 (y): '2,5' is not a number (write decimals with '.')"],
    ['commas win over semicolons', '1,2\n1,2;3\n1,2\n1,2', "line 2, column 2 (y): '2;3' is not a number"],
    ['an empty value', '1,2\n1,2\n1,\n1,2', 'line 3, column 2 (y): no value'],
    ['an empty quoted value', '1,2,0\n1,2,1\n1,2,""\n1,2,1', 'line 3, column 3 (label): no value'],
    ['a long value, clipped', `1,2\n1,2\n1,${LONG}\n1,2`, `line 3, column 2 (y): '${'q'.repeat(39)}…' is not a number`],
    ['a long header name, clipped', `x,${LONG}\n1,2\n1,2\n1,a\n1,2`, `line 4, column 2 (${'q'.repeat(19)}…): 'a' is not a number`],
    ['fewer than 4 rows', '1,2\n3,4\n5,6\n', '3 rows: at least 4'],
    ['a header and 3 rows', 'x,y\n1,2\n3,4\n5,6', '3 rows: at least 4'],
    ['1 row', '1,2', '1 row: at least 4'],
    ['a header alone is a row', 'x,y', '1 row: at least 4'],
    ['1.5 as a label', '1,2,0\n1,2,1\n1,2,1.5\n1,2,1', 'line 3, column 3 (label): 1.5 is not a whole number; labels are 0..7 or names'],
    ['1.5 among names', '1,2,cat\n1,2,dog\n1,2,1.5\n1,2,cat', 'line 3, column 3 (label): 1.5 is not a whole number; labels are 0..7 or names'],
    ['label 8', rows(9, (i) => `1,2,${i}`), 'line 9, column 3 (label): label 8 is not a class: labels are 0..7 or names'],
    ['label -1', '1,2,0\n1,2,1\n1,2,-1\n1,2,1', 'line 3, column 3 (label): label -1 is not a class: labels are 0..7 or names'],
    ['a 9th class', rows(12, (i) => `1,2,c${i}`), "line 9, column 3 (label): 'c8' is a 9th class: at most 8"],
    ['a 9th class, late', `${rows(20, (i) => `1,2,c${i % 8}`)}\n\n1,2,dog`, "line 22, column 3 (label): 'dog' is a 9th class: at most 8"],
    ['one integer class', '1,2,0\n1,2,0\n1,2,0\n1,2,0', 'only one class (0): a classifier needs at least 2'],
    ['one named class', '1,2,cat\n1,2,cat\n1,2, cat \n1,2,"cat"', 'only one class (cat): a classifier needs at least 2'],
    ['only label 1', '1,2,1\n1,2,1\n1,2,1\n1,2,1', 'only one class (1): a classifier needs at least 2'],
    ['class 0 missing', '1,2,2\n1,2,1\n1,2,1\n1,2,2', 'class 0 has no rows (labels are 0..2: each needs a row)'],
    ['a missing class', '1,2,0\n1,2,3\n1,2,1\n1,2,3', 'class 2 has no rows (labels are 0..3: each needs a row)'],
    ['a 33-byte name', `1,2,a\n1,2,a\n1,2,${'é'.repeat(16)}b\n1,2,a`, `line 3, column 3 (label): the name '${'é'.repeat(16)}b' is 33 bytes: at most 32`],
    ['a 33-digit name among names', `1,2,a\n1,2,${'1'.repeat(33)}\n1,2,a\n1,2,a`, `line 2, column 3 (label): the name '${'1'.repeat(33)}' is 33 bytes: at most 32`],
    ['a lone surrogate in a name', '1,2,a\n1,2,\uD800x\n1,2,a\n1,2,a', "line 2, column 3 (label): '\uD800x' is not valid text"],
    ['a giant number', '1,2\n1,2\n1,2\n1e39,2', "line 4, column 1 (x): 1e39 is beyond float32's range (±3.4e38)"],
    ['a negative giant number', '1,2\n1,2\n1,-3.4028236e38\n1,2', "line 3, column 2 (y): -3.4028236e38 is beyond float32's range (±3.4e38)"],
    ['beyond float64', '1,2\n1,2\n1,2\n1,1e400', "line 4, column 2 (y): 1e400 is beyond float32's range (±3.4e38)"],
    ['a long giant number, clipped', `1,2\n1,2\n1,2\n1,${'9'.repeat(500)}`, `line 4, column 2 (y): ${'9'.repeat(39)}… is beyond float32's range (±3.4e38)`],
  ];
  for (const word of ['NaN', 'nan', 'inf', '-inf', '+inf', 'Infinity', '-Infinity', 'INF', '"NaN"']) {
    CASES.push([`${word}`, `1,2,0\n1,2,1\n${word},2,0\n1,2,1`, 'line 3, column 1 (x1): NaN or infinity is not a value']);
  }
  for (const input of [undefined, null, 42, {}, ['1,2'], new Uint8Array(4)]) CASES.push([`not text: ${String(input)}`, input, 'the file is not text']);
  for (const [name, text, error] of CASES) {
    it(name, () => {
      const message = refused(text);
      assert.equal(message, error);
      assert.ok(message.length <= 200, `${message.length} chars`);
    });
  }
});

describe('limits', () => {
  it('rows: a smaller maxRows, and the default 10,000', () => {
    assert.equal(refused(rows(6, () => '1,2'), { maxRows: 5 }), '6 rows: at most 5');
    assert.equal(accepted(rows(5, () => '1,2'), { maxRows: 5 }).n, 5);
    // a header is no row
    assert.equal(accepted(`x,y\n${rows(5, () => '1,2')}`, { maxRows: 5 }).n, 5);
    assert.equal(accepted(rows(10000, (i) => `${i},${i % 3}`)).n, 10000);
    assert.equal(refused(rows(10001, (i) => `${i},${i % 3}`)), '10,001 rows: at most 10,000');
    assert.equal(refused(rows(12345, () => '1,2,0')), '12,345 rows: at most 10,000');
  });

  it('rows are counted before any is read', () => {
    // line 2 is bad, yet the count is what is refused
    assert.equal(refused(`1,2\nabc,2\n${rows(10000, () => '1,2')}`), '10,002 rows: at most 10,000');
  });

  it('size: 4 MB of UTF-8, checked first', () => {
    const valid = '1,2\n3,4\n5,6\n7,8\n';
    const pad = (bytes) => valid + ' '.repeat(bytes - valid.length);
    assert.equal(accepted(pad(MAX_BYTES)).n, 4);
    assert.equal(refused(pad(MAX_BYTES + 1)), 'the file is 4.1 MB: at most 4 MB');
    assert.equal(refused('x'.repeat(Math.round(5.2 * 1024 * 1024))), 'the file is 5.2 MB: at most 4 MB');
    // é is 2 bytes, 😀 4 (2 code units): 2.05 Mi characters of 4.1 MB and more
    assert.equal(refused(`${valid}${'é'.repeat(2.05 * 1024 * 1024)}`), 'the file is 4.2 MB: at most 4 MB');
    assert.equal(refused('😀'.repeat(1024 * 1024 + 1)), 'the file is 4.1 MB: at most 4 MB');
  });

  test('a big file is read in bounded time', (t) => {
    const inputs = {
      '4 MB on one line': 'x,'.repeat(MAX_BYTES / 2),
      '4 MB of line ends': '\n'.repeat(MAX_BYTES),
      '4 MB of commas, a value each': `1,2\n${rows(9998, () => `1,${'1'.repeat(400)}`)}`.slice(0, MAX_BYTES),
      '10,000 valid rows with names': rows(10000, (i) => `${i * 0.001},${-i},class ${i % 8}`),
      '12 MB': 'a'.repeat(12 * 1024 * 1024),
    };
    for (const [name, text] of Object.entries(inputs)) {
      const start = performance.now();
      const r = parseCsv(text);
      const ms = performance.now() - start;
      t.diagnostic(`${name}: ${ms.toFixed(0)} ms, ${r.ok ? `${r.n} rows` : r.error.slice(0, 60)}`);
      assert.ok(ms < 3000, `${name}: ${ms} ms`);
    }
  });
});
