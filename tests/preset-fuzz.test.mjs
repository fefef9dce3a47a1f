// Hardening of web/preset.js: generated inputs (fast-check, fixed seeds, so
// every run sees the same ones) and a hand-written corpus of hostile inputs.
// Every input goes through check(): lenient parse throws nothing but a
// PresetError for an unknown v, hands out a preset that is valid by an
// independent reading of PRESET.md, round-trips through its canonical string
// and its JSON, reports issues as short plain strings and pollutes no
// prototype; strict parse agrees with it, key by key.
//
// Generated inputs per run (asserted at the end):
//   bare k=v strings, '#', '?' and URL-prefixed   4000
//   JSON text, duplicated and nested keys          2000
//   objects, JSON and exotic values                1500
//   fully random strings and JSON values           2500
//   mutated canonical strings                      1500
//   total                                         11500
// The hand-written corpus adds 10,899 inputs, 32 of them big (1 MB values
// and keys, 10,000 pairs, 100,000-deep JSON), each parse timed (< 2 s).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { KEYS, VIEW_KEYS, PresetError, parse, canonicalize, toJSON, describeKey } from '../web/preset.js';
import { encodePoints } from '../web/points.js';

const KEY_NAMES = KEYS.map((d) => d.key);
const UNKNOWN = 'unknown key, ignored';
const MALFORMED = 'malformed %-escape';
const UNLISTED = / more unknown, repeated or malformed entries, not listed$/;
// However long the input: the issues about pairs stop at 20 and one more
// counts the rest; the issues about values are one a key at most.
const MAX_ISSUES = 20 + 1 + KEYS.length + 1;
const DEFAULT_PRESET = parse('').preset;

// ---------------------------------------------------------------------------
// The oracle: PRESET.md's ranges, written out again rather than read from
// KEYS. Where PRESET.md states no range, a finite number is all it asks.

const PROBLEMS = ['quadratic', 'rosenbrock', 'beale', 'himmelblau', 'saddle', 'wells', 'linreg', 'logreg', 'mlp'];
const DATA_PROBLEMS = ['linreg', 'logreg', 'mlp'];
const CLASSIFICATION = ['moons', 'circles', 'spiral', 'xor', 'blobs'];
const finite = () => true;
const closed = (lo, hi) => (x) => x >= lo && x <= hi;
const SPEC = {
  v: { is: (x) => x === 1 },
  problem: { values: PROBLEMS },
  cond: { is: closed(1, 1000) },
  x0: { is: finite },
  y0: { is: finite },
  data: { values: [...CLASSIFICATION, 'line', 'sine', 'own'] },
  classes: { int: true, is: (x) => x === 0 || closed(2, 8)(x) }, // 0: own (x, y) data
  n: { int: true, is: closed(4, 10000) }, // below 10 only for own data
  noise: { is: closed(0, 1) },
  batch: { int: true, is: (x) => x >= 0 },
  hidden: { list: [1, 3], int: true, is: closed(1, 64) },
  act: { values: ['tanh', 'relu', 'sigmoid'] },
  holdout: { is: closed(0, 0.5) },
  opt: { values: ['sgd', 'momentum', 'nesterov', 'adagrad', 'rmsprop', 'adam', 'adamw'] },
  lr: { is: (x) => x > 0 && x <= 100 },
  momentum: { is: (x) => x >= 0 && x < 1 },
  alpha: { is: finite },
  b1: { is: (x) => x >= 0 && x < 1 },
  b2: { is: (x) => x >= 0 && x < 1 },
  eps: { is: finite },
  wd: { is: finite },
  amsgrad: { int: true, is: closed(0, 1) },
  bc: { int: true, is: closed(0, 1) },
  sched: { values: ['constant', 'step', 'multistep', 'exp', 'cosine', 'restarts', 'onecycle', 'cyclic', 'linear', 'poly', 'plateau'] },
  warmup: { int: true, is: (x) => x >= 0 },
  step_size: { int: true, is: (x) => x >= 1 },
  milestones: { list: [1, Infinity], int: true, is: (x) => x >= 0 },
  gamma: { is: finite },
  t_max: { is: finite },
  t0: { int: true, is: (x) => x >= 1 },
  t_mult: { int: true, is: (x) => x >= 1 },
  pct_start: { is: (x) => x > 0 && x < 1 },
  div: { is: (x) => x > 0 },
  final_div: { is: (x) => x > 0 },
  min_lr: { is: finite },
  step_up: { int: true, is: (x) => x >= 1 },
  step_down: { int: true, is: (x) => x >= 1 },
  mode: { values: ['triangular', 'triangular2', 'exp_range'] },
  start: { is: (x) => x > 0 && x <= 1 },
  end: { is: (x) => x > 0 && x <= 1 },
  iters: { is: finite },
  power: { is: finite },
  factor: { is: (x) => x > 0 && x < 1 },
  patience: { int: true, is: (x) => x >= 0 },
  threshold: { is: finite },
  cooldown: { int: true, is: (x) => x >= 0 },
  steps: { int: true, is: closed(1, 100000) },
  seed: { int: true, is: closed(0, 4294967295) },
  points: { text: true },
};

// Keys whose default is a constant and which no other key constrains: a
// given valid value must survive as it is, a given invalid one must fall
// back to this default (PRESET.md's tables).
const FIXED_DEFAULTS = {
  problem: 'rosenbrock', opt: 'sgd', sched: 'constant', lr: 0.01, steps: 200, seed: 1, cond: 10, n: 200,
  noise: 0.1, hidden: [8, 8], act: 'tanh', holdout: 0.2, alpha: 0.99, b1: 0.9, b2: 0.999, amsgrad: 0, bc: 1,
  mode: 'triangular', t_mult: 1, pct_start: 0.3, div: 25, final_div: 10000, start: 1 / 3, end: 1, power: 1,
  factor: 0.1, patience: 10, threshold: 1e-4, cooldown: 0,
};

function assertValid(p, label) {
  assert.equal(Object.getPrototypeOf(p), Object.prototype, label);
  assert.deepEqual(Object.keys(p), Object.keys(SPEC), label);
  for (const [key, s] of Object.entries(SPEC)) {
    const value = p[key];
    if (s.text) {
      assert.equal(typeof value, 'string', `${label}: ${key}`);
      continue;
    }
    if (s.values) {
      assert.ok(s.values.includes(value), `${label}: ${key}=${value}`);
      continue;
    }
    if (s.list) {
      assert.ok(Array.isArray(value) && value.length >= s.list[0] && value.length <= s.list[1], `${label}: ${key}=${value}`);
      assert.equal(Object.getPrototypeOf(value), Array.prototype, `${label}: ${key}`);
    }
    for (const x of s.list ? value : [value]) {
      assert.equal(typeof x, 'number', `${label}: ${key}`);
      assert.ok(Number.isFinite(x) && !Object.is(x, -0), `${label}: ${key}=${x}`);
      assert.ok(!s.int || Number.isInteger(x), `${label}: ${key}=${x} is not an integer`);
      assert.ok(s.is(x), `${label}: ${key}=${x} out of range`);
    }
  }
  assert.ok(p.warmup <= p.steps, `${label}: warmup ${p.warmup} > steps ${p.steps}`);
  if (p.opt === 'nesterov') assert.ok(p.momentum > 0, `${label}: nesterov with momentum 0`);
  const train = p.n - Math.floor(p.n * p.holdout); // the batch is drawn from these
  if (DATA_PROBLEMS.includes(p.problem)) assert.ok(p.batch <= train, `${label}: batch ${p.batch} > ${train} training points`);
  const own = DATA_PROBLEMS.includes(p.problem) && p.data === 'own';
  if (p.problem === 'linreg') assert.ok(['line', 'sine', 'own'].includes(p.data), `${label}: linreg on ${p.data}`);
  if (p.problem === 'logreg') assert.ok([...CLASSIFICATION, 'own'].includes(p.data), `${label}: logreg on ${p.data}`);
  if (own) assert.ok(/^(1|file)\./.test(p.points), `${label}: own data without points`);
  else assert.ok(p.n >= 10 && p.classes >= 2, `${label}: n ${p.n}, classes ${p.classes}`);
  if (DATA_PROBLEMS.includes(p.problem) && !own && !['blobs', 'spiral'].includes(p.data) && p.problem !== 'linreg' && CLASSIFICATION.includes(p.data)) {
    assert.equal(p.classes, 2, `${label}: ${p.data} with ${p.classes} classes`);
  }
}

// ---------------------------------------------------------------------------
// check(): the properties every input must have.

const PROTO = Object.getOwnPropertyNames(Object.prototype).sort().join();
const ARRAY_PROTO = Object.getOwnPropertyNames(Array.prototype).sort().join();
const PROBES = [...KEY_NAMES, 'polluted', 'x'];

function assertUnpolluted(label) {
  assert.equal(Object.getOwnPropertyNames(Object.prototype).sort().join(), PROTO, `${label}: Object.prototype changed`);
  assert.equal(Object.getOwnPropertyNames(Array.prototype).sort().join(), ARRAY_PROTO, `${label}: Array.prototype changed`);
  const o = {};
  for (const k of PROBES) assert.equal(o[k], undefined, `${label}: ({}).${k} is defined`);
}

// A short description of an input for failure messages.
function short(input) {
  let s;
  try {
    s = typeof input === 'string' ? JSON.stringify(input) : JSON.stringify(input) ?? String(input);
  } catch {
    s = Object.prototype.toString.call(input);
  }
  return s.length > 160 ? `${s.slice(0, 150)}… (${s.length} chars)` : s;
}

function assertIssues(issues, label) {
  assert.ok(Array.isArray(issues), label);
  assert.ok(issues.length <= MAX_ISSUES, `${label}: ${issues.length} issues`);
  for (const issue of issues) {
    assert.equal(Object.getPrototypeOf(issue), Object.prototype, label);
    const keys = Object.keys(issue);
    assert.ok(keys.every((k) => ['key', 'value', 'reason'].includes(k)) && 'key' in issue && 'reason' in issue, `${label}: ${keys}`);
    for (const k of keys) assert.equal(typeof issue[k], 'string', `${label}: issue.${k}`);
    assert.ok(issue.key.length <= 40, `${label}: issue key of ${issue.key.length} chars`);
    assert.ok((issue.value ?? '').length <= 40, `${label}: issue value of ${issue.value?.length} chars`);
    assert.ok(issue.reason.length <= 160, `${label}: issue reason of ${issue.reason.length} chars`);
    if (issue.reason === UNKNOWN) assert.ok(!KEY_NAMES.includes(issue.key) && !VIEW_KEYS.includes(issue.key), `${label}: ${issue.key}`);
    else if (issue.reason !== MALFORMED) assert.ok(KEY_NAMES.includes(issue.key) || issue.key === 'preset', `${label}: issue for ${issue.key}`);
  }
}

function assertPresetError(e, label) {
  assert.ok(e instanceof PresetError, `${label}: threw ${e?.name}: ${e?.message}`);
  assert.equal(e.name, 'PresetError');
  assert.equal(typeof e.key, 'string');
  assert.equal(typeof e.reason, 'string');
  assert.equal(e.message, `${e.key}: ${e.reason}`, label);
  assert.ok(e.key.length <= 40 && e.message.length <= 200, `${label}: message of ${e.message.length} chars`);
  if (e.reason !== MALFORMED) assert.ok(KEY_NAMES.includes(e.key) || e.key === 'preset', `${label}: error names ${e.key}`);
}

// The canonical string and the JSON give back the same run: every key that
// applies is equal. Keys that do not apply are left out of the canonical
// form (tests/preset.test.mjs "canonical strings"), so the re-parsed preset
// is the fixed point, equal in full from then on.
function assertRoundTrips(p, label) {
  const text = canonicalize(p);
  assert.match(text, /^v=1(&[a-z_0-9]+=[^&#=\s]+)*$/, label);
  const back = parse(text, { strict: true });
  assert.deepEqual(back.issues, [], `${label}: ${text}`);
  for (const d of KEYS) if (d.applies(p)) assert.deepEqual(back.preset[d.key], p[d.key], `${label}: ${text}: ${d.key}`);
  assert.equal(canonicalize(back.preset), text, `${label}: canonicalize is not idempotent`);
  assert.deepEqual(parse(canonicalize(back.preset), { strict: true }), back, label);
  assert.deepEqual(parse(`#${text}`, { strict: true }), back, label);
  const json = JSON.stringify(toJSON(p));
  assert.deepEqual(parse(json, { strict: true }), back, `${label}: ${json}`);
  assert.deepEqual(parse(JSON.parse(json), { strict: true }), back, `${label}: ${json}`);
}

// Strict fails exactly where lenient reports something other than an
// unknown key, and on that first report; else both give the same result.
function assertStrictAgrees(input, lenient, label) {
  const fails = lenient.issues.filter((i) => i.reason !== UNKNOWN && !UNLISTED.test(i.reason));
  const unlisted = lenient.issues.some((i) => UNLISTED.test(i.reason));
  let strict;
  try {
    strict = parse(input, { strict: true });
  } catch (e) {
    assertPresetError(e, label);
    if (e.reason === 'empty preset') {
      assert.deepEqual(lenient, { preset: DEFAULT_PRESET, issues: [] }, label);
      return;
    }
    if (unlisted) return; // the first bad entry may be one of the unlisted ones
    assert.ok(fails.length > 0, `${label}: strict threw ${e.message}, lenient reported nothing`);
    assert.equal(e.key, fails[0].key, label);
    assert.equal(e.reason, fails[0].reason.replace(', the last one wins', ''), label);
    return;
  }
  assert.deepEqual(fails, [], `${label}: strict accepted what lenient reported`);
  assert.deepEqual(strict, lenient, label);
}

const LIMIT_MS = 2000;

// → { refused } for an unknown v, else { preset, issues, ms }.
function check(input, label = short(input)) {
  let result;
  const t0 = performance.now();
  try {
    result = parse(input);
  } catch (e) {
    assertUnpolluted(label);
    assertPresetError(e, label);
    assert.equal(e.key, 'v', `${label}: lenient parse threw ${e.message}`);
    assert.match(e.reason, /^unknown preset version /, label);
    assert.throws(() => parse(input, { strict: true }), PresetError, label);
    assertUnpolluted(label);
    return { refused: true };
  }
  const ms = performance.now() - t0;
  assertUnpolluted(label);
  assertIssues(result.issues, label);
  assertValid(result.preset, label);
  assertRoundTrips(result.preset, label);
  const t1 = performance.now();
  assertStrictAgrees(input, result, label);
  assertUnpolluted(label);
  return { ...result, ms: Math.max(ms, performance.now() - t1) };
}

// ---------------------------------------------------------------------------
// Generators.

const INVALID = Symbol('invalid'); // expect: invalid for every key
const UNSURE = Symbol('unsure'); // expect: may or may not be valid

// Script and HTML fragments, odd unicode and number spellings: invalid for
// every key.
const HOSTILE = [
  '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "'><svg onload=alert(1)>", 'javascript:alert(1)',
  '</textarea><script>alert(1)</script>', '{{constructor.constructor("alert(1)")()}}', '${alert(1)}', '<!--',
  '\u202Eevil\u202C', '\u200F1', '1\u200B', '\u0000', '%00', '😈', '\uD800', '\uDFFF', 'a\uDC00b', '\uFEFF1', '',
  ' ', 'NaN', 'Infinity', '-Infinity', 'undefined', 'null', 'true', '0x10', '0b1', '0o7', '1_000', '１', '٣',
  '__proto__', 'constructor', 'prototype', 'toString', '%', '%E0%A4%A', '&', '=', '#', '+', '1e309', '-1e309',
];
const NEAR_NUMBERS = ['-0', '+0', '.5', '5.', '+1', ' 1 ', '1 ', ' 1', '1e-400', '-1e-400', '1,5', '1e', 'e5', '--1',
  '1.5', '0.', '00', '007', '-1', '1e-7', '1E2', '100.0000000000001', '4294967296', '100001', '10000', '0', '1',
  '2', '1e5', '5e-324', '1.7976931348623157e308', '0.99999999999999999', '1e0', '10.0'];
const NEAR_LISTS = ['8,,8', '8, 8', ',8', '8,', '1,2,3,4', '0', '65', '64', '1.5', '-0,5', '1e1,2', '1;2', '[8,8]',
  '8,8,8', '1', Array.from({ length: 33 }, (_, i) => i).join(','), '100000,0', '100001'];
const MALFORMED_ESCAPES = ['%', '%E0%A4%A', '%ZZ', '%C0%80', '%ED%A0%80', '%F0%9F%99', '%%41', '%4'];
const ODD_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '', ' ', 'LR',
  ' lr', 'lr ', 'lr\u0000', 'lr[]', 'lr.x', '__proto__[lr]', 'constructor[prototype][lr]', 'v ', 'V', '\u202Elr',
  'lr\u200B', '<img src=x onerror=alert(1)>', '<script>alert(1)</script>', '😈', '\uD800', '{"lr":5}', '?lr'];

const unit = fc.double({ min: 0, max: 1, noNaN: true });
const intIn = (min, max) => fc.oneof(
  fc.constantFrom(min, max),
  unit.map((f) => Math.round(min + f * (max - min))),
  unit.map((f) => Math.round(min + f ** 4 * (max - min))),
);
const inRange = (d, x) => (d.minOpen ? x > d.min : x >= d.min) && (d.maxOpen ? x < d.max : x <= d.max);

// A number that is valid for d (by KEYS: the generator may read the code's
// table; the oracle does not), spelled in any of the accepted ways.
function validNumber(d) {
  const x = d.type === 'num'
    ? fc.tuple(fc.oneof(unit, unit.map((f) => f ** 6), fc.constantFrom(0, 1)), fc.integer({ min: 1, max: 17 }))
      .map(([f, digits]) => Number((d.min + f * (d.max - d.min)).toPrecision(digits)))
    : intIn(d.min, d.max);
  return fc.tuple(x, fc.constantFrom('plain', 'exp', 'string', 'boolean')).map(([v, spelling]) => {
    const value = v === 0 ? 0 : v;
    const raw = spelling === 'exp' ? value.toExponential() : String(value);
    const json = spelling === 'plain' || spelling === 'exp' ? value
      : spelling === 'boolean' && d.type === 'bool' ? Boolean(value) : raw;
    return { raw, json, expect: inRange(d, value) ? value : UNSURE };
  });
}

// Own data as a link carries them: a few real encodings.
const POINTS = [
  { kind: 'classification', n: 4, d: 2, x: new Float32Array([0, 1, 2, 3, -1, 0.5, 7, 8]), y: new Float32Array([0, 1, 1, 0]), classes: 2, names: null },
  { kind: 'classification', n: 6, d: 2, x: new Float32Array(12).map((_, i) => i / 3), y: new Float32Array([0, 1, 2, 2, 1, 0]), classes: 3, names: ['a', 'b', 'c'] },
  { kind: 'regression', n: 5, d: 1, x: new Float32Array([1, 2, 3, 4, 5]), y: new Float32Array([2, 4, 6, 8, 10]), classes: 0, names: null },
].map(encodePoints);

function validValue(d) {
  if (d.type === 'points') return fc.constantFrom(...POINTS).map((s) => ({ raw: s, json: s, expect: s }));
  if (d.type === 'enum') return fc.constantFrom(...d.values).map((s) => ({ raw: s, json: s, expect: s }));
  if (d.type === 'list') {
    return fc.tuple(fc.array(intIn(d.min, d.max), { minLength: d.minLen, maxLength: Math.min(d.maxLen, 6) }), fc.boolean())
      .map(([a, asArray]) => {
        if (d.sorted) a.sort((x, y) => x - y);
        return { raw: a.join(','), json: asArray ? a : a.join(','), expect: a };
      });
  }
  return validNumber(d);
}

const unsure = (raw, json = raw) => ({ raw, json, expect: UNSURE });

function nearValue(d) {
  if (d.type === 'enum') {
    return fc.constantFrom(...d.values).chain((s) => fc.oneof(
      fc.mixedCase(fc.constant(s)).map((m) => unsure(m)),
      fc.constantFrom(` ${s}`, `${s} `, `${s}\u0000`, s.slice(0, -1), `${s}s`, s.replace(/a/g, '\u0430'), `${s},${s}`).map((m) => unsure(m)),
      fc.constantFrom(0, 1, d.values.length, -1, null, true).map((j) => unsure(String(j), j)),
    ));
  }
  if (d.type === 'list') {
    return fc.oneof(
      fc.constantFrom(...NEAR_LISTS).map((s) => unsure(s)),
      fc.constantFrom([], [8, '8'], [[8]], [8, null], [1e309], ['8 '], [8.5], [-0, 3], {}, 8, '').map((j) => unsure(JSON.stringify(j) ?? '', j)),
    );
  }
  const bounds = [d.min, d.max, d.min - 1, d.max + 1, d.min - 1e-9, d.max + 1e-9, d.max * 10, -d.max].map(String);
  return fc.oneof(
    fc.constantFrom(...NEAR_NUMBERS, ...bounds).map((s) => unsure(s)),
    fc.double().map((x) => unsure(String(x), x)),
    fc.constantFrom(null, true, false, [], {}, [1], { valueOf: 5 }, 1e308, '  1').map((j) => unsure(JSON.stringify(j), j)),
  );
}

const loneSurrogates = fc.string({ unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)), maxLength: 4 });
const soup = fc.string({ unit: fc.constantFrom('%', 'E', '0', 'A', '4', '2', 'F', '&', '=', '#', '+', '1', '.', 'e', '-', ' ', '{', '"'), maxLength: 24 });
const randomString = fc.oneof(
  fc.string({ maxLength: 16 }),
  fc.string({ unit: 'binary', maxLength: 16 }),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  loneSurrogates,
  soup,
);

const randomValue = fc.oneof(
  randomString.map((s) => unsure(s)),
  fc.constantFrom(...HOSTILE).map((s) => ({ raw: s, json: s, expect: INVALID })),
  fc.jsonValue({ maxDepth: 3 }).map((j) => unsure(JSON.stringify(j), j)),
);

const valueFor = (d) => fc.oneof(
  { weight: 5, arbitrary: validValue(d) },
  { weight: 2, arbitrary: nearValue(d) },
  { weight: 3, arbitrary: randomValue },
);

const keyArb = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom(...KEY_NAMES) },
  { weight: 1, arbitrary: fc.constantFrom(...VIEW_KEYS) },
  { weight: 2, arbitrary: fc.constantFrom(...ODD_KEYS) },
  { weight: 1, arbitrary: fc.mixedCase(fc.constantFrom(...KEY_NAMES)) },
  { weight: 1, arbitrary: randomString },
);

// One key=value pair and how it is written: each side encoded its own way,
// sometimes a malformed escape appended (the pair is then dropped), sometimes
// no '=' at all when the value is empty.
const ENCODINGS = ['uri', 'uri', 'all', 'lower', 'plus', 'raw'];
const pairArb = keyArb.chain((key) => fc.record({
  key: fc.constant(key),
  value: describeKey(key) ? valueFor(describeKey(key)) : randomValue,
  keyEnc: fc.constantFrom(...ENCODINGS),
  valueEnc: fc.constantFrom(...ENCODINGS),
  junk: fc.oneof({ weight: 12, arbitrary: fc.constant(null) }, fc.record({ where: fc.constantFrom('key', 'value'), text: fc.constantFrom(...MALFORMED_ESCAPES) })),
  noEq: fc.boolean(),
}));

const utf8 = new TextEncoder();
const hex = (b, lower) => `%${(lower ? b.toString(16) : b.toString(16).toUpperCase()).padStart(2, '0')}`;

// Percent-encodes s its own way; lone surrogates, which have no UTF-8, stay raw.
function encodeAs(s, mode, rawSafe) {
  if (mode === 'raw' && rawSafe.test(s)) return s;
  let out = '';
  for (const ch of s) {
    const code = ch.codePointAt(0);
    if (code >= 0xd800 && code <= 0xdfff) out += ch;
    else if (mode === 'all' || mode === 'lower') out += [...utf8.encode(ch)].map((b) => hex(b, mode === 'lower')).join('');
    else out += encodeURIComponent(ch);
  }
  return mode === 'plus' ? out.replace(/%20/g, '+') : out;
}
const RAW_KEY = /^[^&=#%+\s{]*$/u;
const RAW_VALUE = /^[^&#%+\s]*$/u;

// The bare form and what parse must make of it: the pairs it sees, in order,
// with the key as decoded; dropped ones (malformed) separately.
const PREFIXES = ['', '', '#', 'https://example.org/lr/index.html?x=1#', '  #', '\n', '?', '##'];
const bareArb = fc.record({
  prefix: fc.constantFrom(...PREFIXES),
  pairs: fc.array(pairArb, { maxLength: 12 }),
  dupes: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 3 }),
  lead: fc.constantFrom('', '', '&', '&&'),
  trail: fc.constantFrom('', '', '&', '&&&'),
  sep: fc.constantFrom('&', '&', '&', '&&'),
}).map(({ prefix, pairs, dupes, lead, trail, sep }) => {
  // duplicated keys: a later pair takes an earlier one's key
  pairs = pairs.map((p) => ({ ...p }));
  for (const [a, b] of dupes) {
    if (pairs.length < 2) break;
    const from = pairs[a % pairs.length], to = pairs[b % pairs.length];
    if (from === to || to.key === from.key || Boolean(describeKey(from.key)) !== Boolean(describeKey(to.key))) continue;
    to.key = from.key; // its value was made for another key: only a hostile one stays known
    if (to.value.expect !== INVALID) to.value = { ...to.value, expect: UNSURE };
  }
  const seen = [], dropped = [];
  const parts = pairs.map((p, i) => {
    let k = encodeAs(p.key, p.keyEnc, RAW_KEY);
    let v = encodeAs(p.value.raw, p.valueEnc, RAW_VALUE);
    if (p.junk?.where === 'key') k += p.junk.text;
    if (p.junk?.where === 'value') v += p.junk.text;
    const part = p.noEq && v === '' && k !== '' ? k : `${k}=${v}`;
    // '?' and a second '#' are not part of the grammar: they stick to the first key
    const mangle = i === 0 && !lead && (prefix === '?' || prefix === '##') ? prefix.at(-1) : '';
    if (p.junk) dropped.push(p);
    else seen.push({ ...p, key: mangle + p.key });
    return part;
  });
  if ((prefix === '?' || prefix === '##') && (lead || !pairs.length)) seen.unshift({ key: prefix.at(-1), value: unsure('') });
  return { text: prefix + lead + parts.join(sep) + trail, seen, dropped, form: 'bare' };
});

// The JSON text form, written by hand so that keys can repeat.
const jsonArb = fc.record({
  pairs: fc.array(pairArb, { maxLength: 12 }),
  space: fc.constantFrom('', ' ', '\n  '),
  lead: fc.constantFrom('', ' ', '\t\n'),
  cut: fc.oneof({ weight: 9, arbitrary: fc.constant(null) }, unit),
}).map(({ pairs, space, lead, cut }) => {
  let text = `${lead}{${space}${pairs.map((p) => `${JSON.stringify(p.key)}:${space}${JSON.stringify(p.value.json)}`).join(`,${space}`)}${space}}`;
  if (cut !== null) text = text.slice(0, 1 + lead.length + Math.floor(cut * (text.length - 1 - lead.length))); // not valid JSON
  return { text, seen: cut === null ? pairs : null, dropped: [], form: 'json' };
});

// Objects, as the CLI and the page's controls hand them: JSON values and
// the values no JSON has.
const EXOTIC = [undefined, NaN, -0, Infinity, -Infinity, 10n, Symbol('s'), () => 1, new Array(3), [1, , 2], // eslint-disable-line no-sparse-arrays
  Object.create(null), new Number(5), new String('adam'), new Date(0), /x/, new Map([['lr', 1]]), { toString: () => '5' }];
const objectArb = fc.array(fc.tuple(pairArb, fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, fc.constantFrom(...EXOTIC.keys()))), { maxLength: 12 })
  .map((list) => {
    const pairs = list.map(([p, exotic]) => (exotic === null ? p : { ...p, value: { json: EXOTIC[exotic], expect: UNSURE } }));
    return { input: Object.fromEntries(pairs.map((p) => [p.key, p.value.json])), seen: pairs, dropped: [], form: 'object' };
  });

// What parse must have made of the pairs it saw: for the keys with a fixed
// default, the last value if valid, else the default and an issue; one
// issue per unknown key (per pair in the bare form, per key in JSON);
// one per dropped pair; one per repeated key in the bare form.
function assertExpected(result, { seen, dropped, form }, label) {
  const versions = seen?.filter((s) => s.key === 'v') ?? [];
  if (result.refused) {
    assert.ok(seen === null || versions.length, `${label}: refused without a v`);
    return;
  }
  assert.ok(versions.at(-1)?.value.expect !== INVALID, `${label}: an invalid v was not refused`);
  const { preset: p, issues } = result;
  assert.equal(issues.filter((i) => i.reason === MALFORMED).length, dropped.length, `${label}: malformed escapes`);
  if (seen === null) return;
  const unknown = seen.filter((s) => !KEY_NAMES.includes(s.key) && !VIEW_KEYS.includes(s.key)).map((s) => s.key);
  const expectedUnknown = form === 'bare' ? unknown.length : new Set(unknown).size;
  assert.equal(issues.filter((i) => i.reason === UNKNOWN).length, expectedUnknown, `${label}: unknown keys`);
  for (const key of KEY_NAMES) {
    const given = seen.filter((s) => s.key === key);
    if (form === 'bare' && given.length > 1) {
      assert.ok(issues.some((i) => i.key === key && /^given more than once/.test(i.reason)), `${label}: ${key} repeated`);
    }
    if (!(key in FIXED_DEFAULTS) || dropped.some((s) => s.key === key)) continue;
    if (!given.length) {
      assert.deepEqual(p[key], FIXED_DEFAULTS[key], `${label}: ${key} not given`);
      continue;
    }
    const { expect } = given.at(-1).value;
    if (expect === UNSURE) continue;
    if (expect === INVALID) {
      assert.deepEqual(p[key], FIXED_DEFAULTS[key], `${label}: ${key} invalid`);
      assert.ok(issues.some((i) => i.key === key && i.reason !== UNKNOWN), `${label}: no issue for ${key}`);
    } else {
      assert.deepEqual(p[key], expect, `${label}: ${key} valid`);
    }
  }
}

const totals = {};
// fc.assert with a fixed seed; the predicate counts its runs.
function property(name, arb, numRuns, seed, predicate) {
  totals[name] = 0;
  fc.assert(fc.property(arb, (x) => {
    totals[name]++;
    predicate(x);
  }), { seed, numRuns });
  assert.equal(totals[name], numRuns, name);
}

const RUNS = { bare: 4000, json: 2000, object: 1500, random: 2500, mutated: 1500 };

test('generated bare strings: k=v&..., with #, ? and URL prefixes', () => {
  property('bare', bareArb, RUNS.bare, 0x5eed01, (g) => {
    const label = short(g.text);
    assertExpected(check(g.text, label), g, label);
  });
});

test('generated JSON text: repeated keys, nested and hostile values', () => {
  property('json', jsonArb, RUNS.json, 0x5eed02, (g) => {
    const label = short(g.text);
    assertExpected(check(g.text, label), g, label);
  });
});

test('generated objects: JSON values and exotic ones', () => {
  property('object', objectArb, RUNS.object, 0x5eed03, (g) => {
    const label = short(g.input);
    assertExpected(check(g.input, label), g, label);
  });
});

test('fully random strings and values', () => {
  const arb = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 60 }),
    fc.string({ maxLength: 60 }),
    fc.string({ unit: fc.constantFrom('%', 'E', '0', 'A', 'C', '9', '&', '=', '#', '+', '1', '.', 'e', 'l', 'r', 'v', '{', '}', '"', ':', ','), maxLength: 60 }),
    fc.tuple(fc.constantFrom('#', '?', '{', '{"', 'v=1&', 'lr='), fc.string({ unit: 'binary', maxLength: 40 })).map(([a, b]) => a + b),
    fc.json({ maxDepth: 3 }),
    fc.jsonValue({ maxDepth: 3 }),
    fc.anything({ maxDepth: 2 }),
  );
  property('random', arb, RUNS.random, 0x5eed04, (input) => check(input));
});

test('mutated canonical strings', () => {
  // a valid preset's canonical string, then characters inserted, deleted or replaced
  const canonicalArb = fc.array(fc.constantFrom(...KEY_NAMES).chain((key) => validValue(describeKey(key)).map((v) => [key, v.json])), { maxLength: 10 })
    .map((entries) => canonicalize(parse(Object.fromEntries(entries)).preset));
  const edit = fc.record({
    at: unit,
    op: fc.constantFrom('insert', 'delete', 'replace'),
    text: fc.oneof(fc.constantFrom('&', '=', '%', '%2', '%E0', '#', '+', ',', '.', 'e', '-', '0', '9', ' ', '\u0000', '\uD800', '<', '__proto__', 'v=2'), fc.string({ maxLength: 3 })),
  });
  const arb = fc.tuple(canonicalArb, fc.array(edit, { minLength: 1, maxLength: 4 })).map(([text, edits]) => {
    for (const { at, op, text: t } of edits) {
      const i = Math.floor(at * text.length);
      text = op === 'insert' ? text.slice(0, i) + t + text.slice(i)
        : op === 'delete' ? text.slice(0, i) + text.slice(i + 1)
          : text.slice(0, i) + t + text.slice(i + 1);
    }
    return text;
  });
  property('mutated', arb, RUNS.mutated, 0x5eed05, (text) => check(text));
});

// ---------------------------------------------------------------------------
// The hand-written corpus.

const MB = 1 << 20;
const enc = encodeURIComponent;
const ALL_KEYS = [...KEY_NAMES, ...VIEW_KEYS];

function corpus() {
  const out = [];
  const add = (input, opts = {}) => out.push({ input, ...opts });
  // every hostile value in every key, raw, encoded and as JSON
  for (const key of ALL_KEYS) {
    const keep = ['v', 'lr', 'seed'].includes(key) ? undefined : { lr: 0.05, seed: 7 };
    for (const value of HOSTILE) {
      add(`${key}=${value}`);
      add(`v=1&lr=0.05&${enc(key)}=${encodeAs(value, 'uri')}&seed=7`, { keep });
      add(`{"lr":0.05,${JSON.stringify(key)}:${JSON.stringify(value)},"seed":7}`, { keep });
    }
  }
  // hostile keys, next to valid ones
  for (const key of [...ODD_KEYS, ...HOSTILE]) {
    add(`lr=0.05&${encodeAs(key, 'uri')}=1&seed=7`, { keep: { lr: 0.05, seed: 7 } });
    add(`lr=0.05&${key}=1&seed=7`);
    add(`{"lr":0.05,${JSON.stringify(key)}:{"lr":5,"polluted":1},"seed":7}`, { keep: { lr: 0.05, seed: 7 } });
  }
  // prototypes
  for (const input of ['{"__proto__":{"lr":5}}', '{"__proto__":{"polluted":1},"lr":0.05}', '{"constructor":{"prototype":{"lr":5}}}',
    '__proto__=x', '__proto__[lr]=5', '__proto__.lr=5', 'constructor[prototype][lr]=5', 'constructor=1&prototype=2&toString=3',
    '__proto__=%7B%22lr%22%3A5%7D', '{"lr":{"__proto__":{"valueOf":5}}}', '{"hidden":{"__proto__":[]}}', '{"hidden":{"length":2,"0":8,"1":8}}',
    JSON.parse('{"__proto__":{"lr":5}}'), JSON.parse('{"lr":0.05,"__proto__":{"steps":7}}'), { __proto__: { lr: 5 } },
    Object.create(null), Object.assign(Object.create(null), { lr: 0.05 }), Object.create({ lr: 5 })]) add(input);
  // numbers, in each number-valued key
  const NUMBERS = ['1e309', '-1e309', '-0', '+0', 'NaN', 'Infinity', '-Infinity', '0x10', '0b1', '0o7', '1_000', ' 1 ', ' 1',
    '1 ', '+1', '.5', '5.', '1e-400', '-1e-400', '.', '-', '+', 'e', '1e', 'e1', '1e+', '1.2.3', '1..2', '١', '１', '1\u0000',
    '9'.repeat(400), `0.${'0'.repeat(400)}1`, '5e-324', '1.7976931348623157e308', '4294967295', '4294967296', '100000', '100001'];
  for (const d of KEYS.filter((d) => d.type !== 'enum')) {
    for (const n of NUMBERS) {
      add(`${d.key}=${enc(n)}`);
      add(`${d.key}=${n}`);
    }
    for (const j of ['1e309', '-0', '1e-400', 'null', 'true', 'false', '[]', '{}', '[1]', '"1"', '" 1"', '[[1]]', '1E2']) add(`{"${d.key}":${j}}`);
  }
  // unicode
  for (const s of ['\u202E', '\u200F', '\u200E', '😈', '🙂=😈', '\uD800', '\uDFFF', '\uDBFF\uDBFF', '\u0000', '%00', '%E0%A4%A', '%E0%A4',
    '%F0%9F%99%82', '%ED%A0%80', '%C0%80', '%FF', '%', '%%', '%2', '%GG', 'lr=０.１', 'problem=rosenbröck', 'opt=ａｄａｍ']) {
    add(s);
    add(`lr=0.05&${s}&seed=7`);
    add(`lr=0.05&x=${s}&seed=7`);
    add(`lr=0.05&${s}=1&seed=7`);
    add(`opt=${s}`);
  }
  // separators and empties
  for (const s of ['', ' ', '&', '&&&', '=', '==', '=&=', '&=&', 'lr', 'lr=', '=0.05', 'lr==0.05', 'lr=0.05=', '#', '##', '#?#',
    '?', '?lr=0.05', '#?lr=0.05', '{', '{}', '{"', '{"lr":', '[]', '[{"lr":1}]', '"lr=1"', 'null', 'lr=1&lr=2&lr=3', 'lr=0.05&lr=',
    'lr=&lr=0.05', 'v=1&v=1', 'v=1&v=2', 'v=2', 'v=', 'v', 'v=1.0', 'v=01', 'v=+1', 'v=%31', '%76=1', 'v=1&%76=2', '{"v":2}',
    '{"v":"1"}', '{"v":true}', '{"v":null}', '{"v":1,"v":3}', 'https://x/index.html?v=2#lr=0.05', 'https://x/#', 'embed=<script>',
    'pin=%ZZ', 'pins=&pin=&ui=&embed=', 42, true, null, undefined, 10n, [], ['lr=1'], () => 1, Symbol('x'), new String('lr=0.05')]) add(s);
  // big inputs: 1 MB values and keys, 10,000 pairs; timed
  const big = (input) => add(input, { big: true });
  big(`lr=${'x'.repeat(MB)}`);
  big(`lr=0.05&${'k'.repeat(MB)}=1`);
  big(`lr=0.05&opt=${enc('<script>alert(1)</script>').repeat(MB / 36)}&seed=7`);
  big(`lr=${'%41'.repeat(MB / 3)}`);
  big(`lr=${'%E0%A4%A'.repeat(MB / 8)}`);
  big(`lr=${'1'.repeat(MB)}x`);
  big(`lr=${'1'.repeat(MB)}`);
  big(`lr=.${'1'.repeat(MB)}.`);
  big(`lr=1e${'1'.repeat(MB)}x`);
  big(`hidden=${'1,'.repeat(MB / 2)}1`);
  big(`milestones=${'1,'.repeat(MB / 2)}`);
  big('&'.repeat(MB));
  big('='.repeat(MB));
  big('#'.repeat(MB));
  big(' '.repeat(MB));
  big('\uD800'.repeat(MB));
  big('%'.repeat(MB));
  big('+'.repeat(MB));
  big('lr=1&'.repeat(10000));
  add('lr=0.05&' + Array.from({ length: 10000 }, (_, i) => `k${i}=${i}`).join('&'), { big: true, keep: { lr: 0.05 } });
  const notV = ALL_KEYS.slice(1);
  big(Array.from({ length: 10000 }, (_, i) => `${notV[i % notV.length]}=${encodeAs(HOSTILE[i % HOSTILE.length], 'uri')}`).join('&'));
  big(Array.from({ length: 10000 }, (_, i) => `__proto__=${i}`).join('&'));
  big(`{${Array.from({ length: 10000 }, (_, i) => `"k${i}":${i}`).join(',')},"lr":0.05}`);
  big(`{"lr":${JSON.stringify('x'.repeat(MB))}}`);
  big(`{${JSON.stringify('k'.repeat(MB))}:1,"lr":0.05}`);
  big(`{"hidden":[${'1,'.repeat(MB / 2)}1]}`);
  big(`{"lr":${'['.repeat(100000)}${']'.repeat(100000)}}`);
  big(`{"lr":${'{"a":'.repeat(100000)}1${'}'.repeat(100000)}}`);
  big(`{"lr":0.05${' '.repeat(MB)}`);
  big({ hidden: new Array(1e6).fill(1) });
  big({ lr: 'x'.repeat(MB), [`${'k'.repeat(MB)}`]: 1 });
  big(Object.fromEntries(Array.from({ length: 10000 }, (_, i) => [`k${i}`, i])));
  return out;
}

test('a long list of bad entries: 20 listed and counted, every bad value listed', () => {
  const junk = ['a', '__proto__', 'v=1', 'v=%ZZ', '%ZZ=1', 'embed=1'].flatMap((part) => Array(20000).fill(part)).join('&');
  const badValues = KEYS.filter((d) => d.key !== 'v').map((d) => `${d.key}=${enc(HOSTILE[0])}`).join('&');
  for (const input of [`${junk}&${badValues}`, `${badValues}&${junk}`]) {
    const { preset, issues, ms } = check(input, 'junk and bad values');
    assert.ok(ms < LIMIT_MS, `${ms} ms`);
    assert.equal(issues.filter((i) => i.reason === UNKNOWN || i.reason === MALFORMED || /^given more/.test(i.reason)).length, 20);
    const [count] = issues.filter((i) => UNLISTED.test(i.reason));
    // unknown, unknown, all but the first v repeated, malformed, malformed, a view key: less the 20 listed
    assert.deepEqual(count, { key: 'preset', reason: `${5 * 20000 - 1 - 20} more unknown, repeated or malformed entries, not listed` });
    for (const d of KEYS.filter((d) => d.key !== 'v')) {
      assert.ok(issues.some((i) => i.key === d.key && (d.type === 'points' || i.reason.startsWith('must be'))), `${d.key} not listed`);
    }
    assert.deepEqual(preset, DEFAULT_PRESET);
  }
  // strict lists its unknown keys the same way
  const { issues } = parse(Array.from({ length: 1000 }, (_, i) => `k${i}=1`).join('&'), { strict: true });
  assert.equal(issues.length, 21);
  assert.deepEqual(issues[20], { key: 'preset', reason: '980 more unknown, repeated or malformed entries, not listed' });
});

test('the hostile corpus', () => {
  const entries = corpus();
  totals.corpus = entries.length;
  let bigCount = 0, slowest = 0;
  for (const { input, keep, big } of entries) {
    const label = short(input);
    const result = check(input, label);
    if (keep) {
      assert.ok(!result.refused, label);
      for (const [key, value] of Object.entries(keep)) assert.equal(result.preset[key], value, `${label}: ${key} lost`);
    }
    if (big) {
      bigCount++;
      slowest = Math.max(slowest, result.ms ?? 0);
      assert.ok(!result.refused && result.ms < LIMIT_MS, `${label}: ${result.ms?.toFixed(0)} ms`);
    }
  }
  console.log(`corpus: ${entries.length} inputs, ${bigCount} big ones, the slowest parse ${slowest.toFixed(0)} ms`);
  assert.ok(entries.length >= 4000, `corpus of ${entries.length}`);
  assert.ok(bigCount >= 30);
});

after(() => {
  const generated = Object.keys(RUNS).reduce((sum, k) => sum + (totals[k] ?? 0), 0);
  console.log(`generated inputs: ${generated} (${Object.entries(RUNS).map(([k]) => `${k} ${totals[k] ?? 0}`).join(', ')}); corpus: ${totals.corpus ?? 0}`);
});

test('at least 10,000 generated inputs in all', () => {
  // runs last: node:test runs a file's tests in order
  const generated = Object.keys(RUNS).reduce((sum, k) => sum + totals[k], 0);
  assert.equal(generated, 11500);
  assert.ok(generated >= 10000);
});
