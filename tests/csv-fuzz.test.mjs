// Hardening of web/csv.js and web/points.js with generated inputs (fast-check,
// fixed seeds, so every run sees the same ones):
//   parseCsv, arbitrary strings                                 3000
//   parseCsv, generated valid tables, against an oracle          1500
//     (and each through encodePoints/decodePoints, bit for bit)
//   parseCsv, the same tables with one bad cell: its exact line  1500
//     and column
//   decodePoints, arbitrary strings and deflated bytes           3000
//   decodePoints, mutated valid encodings                        2000
// Every call returns { ok, ... } or { ok: false, error } and never throws; an
// error is one short line that shows a student's text clipped (long tokens
// are runs of q and z: no run of 41 may reach a message). Each property's
// calls are timed together (generous bounds, for a slow 2-core machine).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { parseCsv } from '../web/csv.js';
import { decodePoints, encodePoints, pointsDigest } from '../web/points.js';

const LONG_RUN = /[qzQZ]{41,}/;
const bitsOf = (a) => [...new Uint32Array(a.buffer, a.byteOffset, a.length)];
const clip = (s, n) => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);

function assertMessage(error, label) {
  assert.equal(typeof error, 'string', label);
  assert.ok(error.length > 0 && error.length <= 200, `${label}: message of ${error.length} chars`);
  assert.ok(!/[\n\r]/.test(error), `${label}: a line end in ${JSON.stringify(error)}`);
  assert.ok(!LONG_RUN.test(error), `${label}: unclipped text in ${error}`);
}

// What any result of parseCsv must be.
function assertParsed(r, label) {
  if (!r.ok) {
    assert.deepEqual(Object.keys(r), ['ok', 'error'], label);
    assert.equal(r.ok, false, label);
    assertMessage(r.error, label);
    return;
  }
  assert.deepEqual(Object.keys(r), ['ok', 'kind', 'n', 'd', 'x', 'y', 'classes', 'names', 'header', 'notes'], label);
  assert.ok(r.n >= 4 && r.n <= 10000 && r.x.length === r.n * r.d && r.y.length === r.n, label);
  for (const v of r.x) assert.ok(Number.isFinite(v) && Math.fround(v) === v, `${label}: x ${v}`);
  for (const v of r.y) assert.ok(Number.isFinite(v), `${label}: y ${v}`);
  if (r.kind === 'classification') {
    assert.ok(r.d === 2 && r.classes >= 2 && r.classes <= 8, label);
    const counts = new Array(r.classes).fill(0);
    for (const v of r.y) counts[v]++;
    assert.ok(counts.every((c) => c > 0), `${label}: counts ${counts}`);
    if (r.names) {
      assert.equal(r.names.length, r.classes, label);
      r.names.forEach((s, i) => assert.ok(i === 0 || r.names[i - 1] < s, `${label}: names ${r.names}`));
    }
  } else {
    assert.ok(r.kind === 'regression' && r.d === 1 && r.classes === 0 && r.names === null, label);
  }
  for (const note of r.notes) assert.ok(typeof note === 'string' && note.length <= 200, label);
}

// What any result of decodePoints must be.
function assertDecoded(r, label) {
  if (!r.ok) {
    assert.deepEqual(Object.keys(r), ['ok', 'error'], label);
    assert.ok(r.error.startsWith('points: '), `${label}: ${r.error}`);
    assertMessage(r.error, label);
    return;
  }
  assertParsed({ ok: true, ...r.data }, label);
  // what a link gives, a link can carry
  assert.equal(decodePoints(encodePoints(r.data)).ok, true, label);
}

const totals = {};
// fc.assert with a fixed seed; the predicate counts its runs and is timed.
function property(name, arb, numRuns, seed, msPerRun, predicate) {
  totals[name] = { runs: 0, ms: 0 };
  fc.assert(fc.property(arb, (x) => {
    totals[name].runs++;
    predicate(x, (f) => {
      const start = performance.now();
      const r = f();
      totals[name].ms += performance.now() - start;
      return r;
    });
  }), { seed, numRuns });
  assert.equal(totals[name].runs, numRuns, name);
  assert.ok(totals[name].ms < numRuns * msPerRun, `${name}: ${totals[name].ms.toFixed(0)} ms for ${numRuns} runs`);
}

// ---------------------------------------------------------------------------
// Generated tables, with what parseCsv must make of them.

const longToken = fc.string({ unit: fc.constantFrom('q', 'z', 'Q', 'Z'), minLength: 41, maxLength: 300 });
const word = fc.oneof(fc.constantFrom('x1', 'x2', 'label', 'height', 'class', 'y', 'x', 'Größe', '日本'), longToken);
const NAMES = ['cat', 'Dog', 'émile', '1', '10', 'ZZ', 'a b', '😀', 'x'.repeat(32), 'β', 'nan', '-inf'];
const isWhole = (s) => /^[+-]?\d+(\.0*)?$/.test(s);

const numberText = fc.oneof(
  fc.integer({ min: -100000, max: 100000 }).map(String),
  fc.float({ noNaN: true, noDefaultInfinity: true }).map(String),
  fc.tuple(fc.double({ min: -3.4e38, max: 3.4e38, noNaN: true }), fc.nat(12)).map(([v, k]) => v.toExponential(k).replace('e', k % 2 ? 'E' : 'e')),
  fc.tuple(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.nat(8)).map(([v, k]) => v.toFixed(k)),
  fc.double({ min: -1, max: 1, noNaN: true }).map((v) => String(v).replace(/^(-?)0\./, '$1.')),
  fc.nat(1000).map((v) => `+${v}.`),
);

const labelsArb = fc.oneof(
  fc.integer({ min: 2, max: 8 }).map((k) => ({ k, texts: Array.from({ length: k }, (_, i) => String(i)), names: null })),
  fc.uniqueArray(fc.constantFrom(...NAMES), { minLength: 2, maxLength: 8 })
    .filter((texts) => texts.some((s) => !isWhole(s)))
    .map((texts) => ({ k: texts.length, texts, names: [...texts].sort() })),
);

const tableArb = fc.record({
  kind: fc.constantFrom('classification', 'regression'),
  labels: labelsArb,
  extra: fc.array(fc.tuple(fc.array(numberText, { minLength: 2, maxLength: 2 }), fc.nat()), { minLength: 0, maxLength: 24 }),
  firsts: fc.array(fc.array(numberText, { minLength: 2, maxLength: 2 }), { minLength: 8, maxLength: 8 }),
  header: fc.option(fc.array(word, { minLength: 3, maxLength: 3 }), { freq: 2 }),
  delimiter: fc.constantFrom(',', ',', ';', '\t'),
  end: fc.constantFrom('\n', '\r\n', '\r'),
  bom: fc.boolean(),
  trailing: fc.boolean(),
  dress: fc.array(fc.constantFrom('', '', '', ' ', 'quote', 'both'), { minLength: 64, maxLength: 64 }),
  blanks: fc.array(fc.constantFrom('', '', '', '', '', 'blank', 'spaces'), { minLength: 40, maxLength: 40 }),
}).map(table);

// The text of a table and what must come of it: every class gets a row first.
function table(g) {
  const classification = g.kind === 'classification';
  const { k, texts, names } = g.labels;
  const rows = [...g.firsts.slice(0, classification ? Math.max(k, 4) : 4), ...g.extra.map(([values]) => values)]
    .map((values, i) => (classification ? [...values, texts[i < k ? i : g.extra[i - Math.max(k, 4)]?.[1] % k || 0]] : values));
  const header = g.header ? g.header.slice(0, classification ? 3 : 2) : null;
  let dressed = 0;
  const cell = (s) => {
    const how = g.dress[dressed++ % g.dress.length];
    const padded = how === 'both' || how === ' ' ? ` ${s} ` : s;
    return how === 'quote' || how === 'both' ? `"${padded}"` : padded;
  };
  const lines = [], rowLines = [];
  let blank = 0;
  const push = (fields) => {
    const b = g.blanks[blank++ % g.blanks.length];
    if (b) lines.push(b === 'blank' ? '' : '  ');
    rowLines.push(lines.length + 1);
    lines.push(fields.map(cell).join(g.delimiter));
  };
  if (header) push(header);
  rows.forEach(push);
  const index = (s) => (names ? names.indexOf(s) : Number(s));
  const expected = {
    kind: g.kind, n: rows.length, d: classification ? 2 : 1,
    x: Float32Array.from(rows.flatMap((r) => r.slice(0, classification ? 2 : 1)), (s) => Math.fround(Number(s))),
    y: Float32Array.from(rows, (r) => (classification ? index(r[2]) : Math.fround(Number(r[1])))),
    classes: classification ? k : 0, names: classification ? names : null, header,
    notes: [
      ...(g.bom ? ['Removed a byte-order mark (BOM).'] : []),
      ...(g.delimiter === ';' ? ["Read with ';' between values."] : g.delimiter === '\t' ? ['Read with tabs between values.'] : []),
      ...(header ? [`Line ${rowLines[0]} is a header: ${header.map((s) => clip(s, 24)).join(', ')}.`] : []),
    ],
  };
  const text = (g.bom ? '\uFEFF' : '') + lines.join(g.end) + (g.trailing ? g.end : '');
  return { g, rows, header, lines, rowLines, text, expected };
}

test('parseCsv: arbitrary strings', () => {
  const arb = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 300 }),
    fc.string({ unit: fc.constantFrom(',', ';', '\t', '\n', '\r', '"', ' ', '0', '1', '7', '8', '9', '.', 'e', '-', '+', 'a', 'N', 'i', 'n', 'f', '\uFEFF', 'é', '\uD800'), maxLength: 400 }),
    fc.array(fc.oneof(numberText, fc.constantFrom('', 'nan', 'cat', '1.5', '1e39', '"', ' '), longToken), { maxLength: 60 })
      .chain((cells) => fc.array(fc.constantFrom(',', ',', ',', '\n', ';', '\t', '\r\n'), { minLength: cells.length, maxLength: cells.length })
        .map((seps) => cells.map((c, i) => c + seps[i]).join(''))),
  );
  property('parse arbitrary', arb, 3000, 0xc5f001, 2, (text, timed) => assertParsed(timed(() => parseCsv(text, { maxRows: 30 })), JSON.stringify(text).slice(0, 200)));
});

test('parseCsv: generated valid tables, exactly, and through a link', () => {
  property('parse tables', tableArb, 1500, 0xc5f002, 2, ({ text, expected }, timed) => {
    const label = JSON.stringify(text).slice(0, 300);
    const r = timed(() => parseCsv(text));
    assert.ok(r.ok, `${label}: ${r.error}`);
    assertParsed(r, label);
    for (const key of ['kind', 'n', 'd', 'classes', 'names', 'header', 'notes']) assert.deepEqual(r[key], expected[key], `${label}: ${key}`);
    assert.deepEqual(bitsOf(r.x), bitsOf(expected.x), `${label}: x`);
    assert.deepEqual(bitsOf(r.y), bitsOf(expected.y), `${label}: y`);
    const back = decodePoints(encodePoints(r));
    assert.ok(back.ok, back.error);
    assert.deepEqual(bitsOf(back.data.x), bitsOf(r.x));
    assert.deepEqual(bitsOf(back.data.y), bitsOf(r.y));
    assert.deepEqual(back.data.names, r.names);
    assert.equal(pointsDigest(back.data), pointsDigest(r));
  });
});

// One bad cell (or one value too many): the message names its line and column.
const BAD_NUMBERS = [['abc', "'abc' is not a number"], ['nan', 'NaN or infinity is not a value'], ['-Infinity', 'NaN or infinity is not a value'],
  ['1e39', "1e39 is beyond float32's range (±3.4e38)"], ['', 'no value'], ['0x1F', "'0x1F' is not a number"]];
const BAD_LABELS = [['2.5', '2.5 is not a whole number; labels are 0..7 or names'], ['', 'no value']];

test('parseCsv: one bad cell, its exact line and column', () => {
  const arb = fc.tuple(tableArb, fc.nat(), fc.nat(2), fc.nat(5), fc.boolean()).map(([t, row, column, which, extra]) => {
    const classification = t.g.kind === 'classification';
    const width = classification ? 3 : 2;
    const first = t.header ? 0 : 1; // a bad first row would be read as a header
    const r = first + (row % (t.rows.length - first));
    const c = column % width;
    const [bad, reason] = classification && c === 2 ? BAD_LABELS[which % 2] : BAD_NUMBERS[which];
    const lineIndex = t.rowLines[r + (t.header ? 1 : 0)] - 1;
    const fields = t.lines[lineIndex].split(t.g.delimiter);
    if (extra) fields.push('1');
    else fields[c] = bad;
    const lines = t.lines.map((l, i) => (i === lineIndex ? fields.join(t.g.delimiter) : l));
    const text = lines.join(t.g.end);
    const columns = t.header ? t.header.map((s) => clip(s, 20)) : classification ? ['x1', 'x2', 'label'] : ['x', 'y'];
    const error = extra
      ? `line ${lineIndex + 1}: ${width + 1} values, expected ${width} (${columns.join(',')}) like line ${t.rowLines[0]}`
      : `line ${lineIndex + 1}, column ${c + 1} (${columns[c]}): ${reason}`;
    return { text, error };
  });
  property('parse bad cells', arb, 1500, 0xc5f003, 2, ({ text, error }, timed) => {
    const r = timed(() => parseCsv(text));
    assertParsed(r, JSON.stringify(text).slice(0, 200));
    assert.equal(r.error, error);
  });
});

// ---------------------------------------------------------------------------
// decodePoints

const base64url = fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'), maxLength: 400 });
const deflated = (bytes) => `1.${deflateRawSync(bytes).toString('base64url')}`;

test('decodePoints: arbitrary strings and deflated bytes', () => {
  const header = fc.tuple(fc.constantFrom(0, 1, 2, 3, 8, 9, 255), fc.constantFrom(0, 2, 3, 8, 255), fc.constantFrom(0, 3, 4, 5, 20, 10000, 10001, 2 ** 32 - 1));
  const arb = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 200 }),
    base64url.map((s) => `1.${s}`),
    fc.uint8Array({ maxLength: 300 }).map((b) => `1.${Buffer.from(b).toString('base64url')}`),
    fc.uint8Array({ maxLength: 300 }).map((b) => deflated(b)),
    fc.tuple(header, fc.uint8Array({ maxLength: 300 })).map(([[k, m, n], rest]) => {
      const b = Buffer.alloc(6);
      b[0] = k, b[1] = m, b.writeUInt32LE(n, 2);
      return deflated(Buffer.concat([b, rest]));
    }),
  );
  property('decode arbitrary', arb, 3000, 0xc5f004, 2, (text, timed) => assertDecoded(timed(() => decodePoints(text)), JSON.stringify(text).slice(0, 200)));
});

test('decodePoints: mutated valid encodings', () => {
  const edit = fc.record({
    at: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
    op: fc.constantFrom('insert', 'delete', 'replace', 'truncate', 'append'),
    text: fc.oneof(fc.constantFrom('A', '_', '-', '0', 'z', '.', '=', '2.', '%', ' '), base64url.map((s) => s.slice(0, 4))),
  });
  const arb = fc.tuple(tableArb, fc.array(edit, { minLength: 1, maxLength: 3 })).map(([t, edits]) => {
    const r = parseCsv(t.text);
    let text = encodePoints(r);
    for (const { at, op, text: s } of edits) {
      const i = 2 + Math.floor(at * (text.length - 2));
      text = op === 'insert' ? text.slice(0, i) + s + text.slice(i)
        : op === 'delete' ? text.slice(0, i) + text.slice(i + 1)
          : op === 'replace' ? text.slice(0, i) + s + text.slice(i + 1)
            : op === 'truncate' ? text.slice(0, i) : text + s;
    }
    return text;
  });
  property('decode mutated', arb, 2000, 0xc5f005, 2, (text, timed) => assertDecoded(timed(() => decodePoints(text)), text.slice(0, 200)));
});

test('at least 10,000 generated inputs in all', (t) => {
  // runs last: node:test runs a file's tests in order
  const runs = Object.values(totals).reduce((sum, { runs }) => sum + runs, 0);
  t.diagnostic(Object.entries(totals).map(([name, { runs, ms }]) => `${name}: ${runs} runs, ${ms.toFixed(0)} ms`).join('; '));
  assert.equal(runs, 11000);
});
