// preset.js - the preset (PRESET.md): parsing, validation, defaults and the
// canonical form, all loops over the table of keys in web/keys.js (whose
// names it re-exports), so a key is added or changed in exactly one place.
//
// Pure ES module (own data decode through web/own-data.js): runs unchanged
// in browsers, Web Workers and Node. Nothing here builds HTML; callers show
// reasons as text.

export * from './keys.js';
import { BY_KEY, KEYS, ORDER, PresetError, VERSION, VIEW_KEYS, rangeText } from './keys.js';
import { ownData } from './own-data.js';

// The grammar of PRESET.md numbers, written so that no input backtracks more
// than linearly: after \d+ only '.', 'e' or the end may follow.
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

// A finite number (never -0) or NaN.
function toNumber(raw) {
  const x = typeof raw === 'number' ? raw : typeof raw === 'string' && NUMBER.test(raw) ? Number(raw) : NaN;
  if (!Number.isFinite(x)) return NaN;
  return x === 0 ? 0 : x;
}

function inRange(d, x) {
  return (d.type === 'num' || Number.isInteger(x)) &&
    (d.minOpen ? x > d.min : x >= d.min) &&
    (d.maxOpen ? x < d.max : x <= d.max);
}

// One raw value (a string from a URL, or anything from JSON) → { value } or { reason }.
function read(d, raw) {
  const invalid = { reason: `must be ${rangeText(d)}` };
  if (d.type === 'points') {
    if (typeof raw !== 'string') return invalid;
    const { error } = ownData(raw);
    return error ? { reason: error } : { value: raw };
  }
  if (d.type === 'enum') return d.values.includes(raw) ? { value: raw } : invalid;
  if (d.type === 'list') {
    // split's limit keeps a hostile "1,1,1,..." from allocating more than maxLen + 1 items.
    const items = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',', d.maxLen + 1) : [];
    if (items.length < d.minLen || items.length > d.maxLen) return invalid;
    const value = Array.from(items, toNumber); // Array.from, unlike map, visits holes
    // Order does not change a run (MultiStepLR counts the milestones passed),
    // so one order keeps the canonical form unique.
    if (d.sorted) value.sort((a, b) => a - b);
    return value.every((x) => inRange(d, x)) ? { value } : invalid;
  }
  if (d.type === 'bool' && typeof raw === 'boolean') return { value: Number(raw) };
  const x = toNumber(raw);
  if (Number.isNaN(x)) return d.type === 'bool' ? invalid : { reason: 'must be a number' };
  return inRange(d, x) ? { value: x } : invalid;
}

function clip(s, n) {
  return s.length <= n ? s : s.slice(0, n - 1).replace(/[\uD800-\uDBFF]$/, '') + '…';
}

// Reported values are short strings, whatever they were given as.
export function show(raw) {
  try {
    return clip(typeof raw === 'string' ? raw : JSON.stringify(raw) ?? String(raw), 40);
  } catch {
    return '?';
  }
}

// A %-encoded part of a link ('+' a space); undefined when malformed.
export function decode(s) {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

// The top-level keys of a JSON object's valid text, repeats included
// (JSON.parse keeps the last of a repeated key without a word).
function jsonKeys(text) {
  const keys = [];
  let depth = 0, key = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      if (depth === 1 && key) keys.push(JSON.parse(text.slice(i, j + 1)));
      i = j;
    } else if (c === '{' || c === '[') key = ++depth === 1;
    else if (c === '}' || c === ']') depth--;
    else if (depth === 1) key = c === ',' ? true : c === ':' ? false : key;
  }
  return keys;
}

// Exact (the command line): what precedes a '#' is nothing or a page's URL
// without a query; else it would be dropped without a word.
function checkBeforeHash(before) {
  let url = null;
  try {
    url = new URL(before);
  } catch {}
  if (!url || !['http:', 'https:', 'file:'].includes(url.protocol)) {
    throw new PresetError('preset', `text before '#' is not a URL of the page: "${show(before)}" (the preset is what follows '#')`);
  }
  if (url.search) throw new PresetError('preset', `the query "${show(url.search)}" is not read (the preset is what follows '#')`);
}

// The input as [key, raw value] pairs, in the order given.
function pairs(input, strict, fail, exact) {
  if (input !== null && typeof input === 'object' && !Array.isArray(input)) return Object.entries(input);
  if (input != null && typeof input !== 'string') {
    fail('preset', undefined, 'must be an object or a string');
    return [];
  }
  let text = (input ?? '').trim();
  if (text.startsWith('{')) {
    try {
      const entries = Object.entries(JSON.parse(text));
      if (exact) {
        const seen = new Set();
        for (const k of jsonKeys(text)) {
          if (seen.has(k) && BY_KEY.has(k)) throw new PresetError(k, 'given more than once');
          seen.add(k);
        }
      }
      return entries;
    } catch (e) {
      if (e instanceof PresetError) throw e;
      // V8 quotes the input in its message; keep the reason short.
      fail('preset', undefined, `not valid JSON: ${clip(String(e.message), 80)}`);
      return [];
    }
  }
  if (exact && text.indexOf('#') > 0) checkBeforeHash(text.slice(0, text.indexOf('#')));
  text = text.slice(text.indexOf('#') + 1); // what follows '#', or all of it
  if (!text.trim()) {
    if (strict) throw new PresetError('preset', 'empty preset');
    return [];
  }
  const out = [];
  for (const part of text.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const rawKey = eq < 0 ? part : part.slice(0, eq);
    const rawValue = eq < 0 ? '' : part.slice(eq + 1);
    const key = decode(rawKey);
    const value = decode(rawValue);
    if (key === undefined || value === undefined) fail(show(key ?? rawKey), rawValue, 'malformed %-escape');
    else out.push([key, value]);
  }
  return out;
}

// A '+' in a number's text (JSON's own numbers never have one).
const plus = (raw) => (Array.isArray(raw) ? raw.some(plus) : typeof raw === 'string' && raw.includes('+'));

// A link can hold a million pairs: the issues about pairs (unknown, repeated,
// malformed) stop at this many and end with their count, so that a page
// lists a bounded number. Issues about values, one a key at most, all stay.
const MAX_PAIR_ISSUES = 20;

// parse(input, { strict }) → { preset, issues }; see PRESET.md "Bad input".
// Lenient: bad values fall back to their default and are reported in issues.
// Strict: the first bad value throws PresetError. Both: unknown keys are
// ignored and reported, and an unknown version throws.
// Exact (the command line; implies strict): an unknown key, text before a
// '#' that is no URL of the page, a key repeated in JSON and a '+' in a
// number (in a link '+' is a space) throw too.
export function parse(input, { strict = false, exact = false } = {}) {
  strict ||= exact;
  const issues = [];
  let unlisted = 0;
  const note = (issue) => (issues.length < MAX_PAIR_ISSUES ? issues.push(issue) : unlisted++);
  const fail = (key, raw, reason, report = (issue) => issues.push(issue)) => {
    if (strict) throw new PresetError(key, reason);
    report(raw === undefined ? { key, reason } : { key, value: show(raw), reason });
  };
  const failPair = (key, raw, reason) => fail(key, raw, reason, note);

  // User keys only ever index this Map, never an object, so no key can
  // reach a prototype.
  const given = new Map();
  for (const [key, raw] of pairs(input, strict, failPair, exact)) {
    if (VIEW_KEYS.includes(key)) continue;
    if (exact && !BY_KEY.has(key)) throw new PresetError(show(key), 'unknown key');
    if (exact && BY_KEY.get(key).type !== 'enum' && plus(raw)) throw new PresetError(key, "must be a number without '+' (in a link '+' stands for a space)");
    if (!BY_KEY.has(key)) note({ key: show(key), reason: 'unknown key, ignored' });
    else {
      if (given.has(key)) failPair(key, raw, strict ? 'given more than once' : 'given more than once, the last one wins');
      given.set(key, raw);
    }
  }
  if (unlisted) issues.push({ key: 'preset', reason: `${unlisted} more unknown, repeated or malformed entries, not listed` });

  if (given.has('v') && read(BY_KEY.get('v'), given.get('v')).value !== VERSION) {
    throw new PresetError('v', `unknown preset version ${show(given.get('v'))} (this version reads v=${VERSION})`);
  }

  const p = {};
  for (const d of ORDER) {
    if (!given.has(d.key) || d.derived?.(p)) {
      p[d.key] = d.def(p);
      continue;
    }
    const raw = given.get(d.key);
    const { value, reason } = read(d, raw);
    p[d.key] = value;
    // A cross-key conflict only matters when the key affects the run.
    const conflict = reason ?? (d.check && d.applies(p) ? d.check(p) : null);
    if (conflict) {
      fail(d.key, raw, conflict);
      p[d.key] = d.def(p);
    }
  }
  const preset = {};
  for (const d of KEYS) preset[d.key] = p[d.key];
  return { preset, issues };
}

const format = (value) => (Array.isArray(value) ? value.join(',') : String(value));

// The canonical content as an object: v, then the keys that apply and differ
// from their default, in table order. String() of a double round-trips
// exactly, so comparing formatted values is comparing values.
export function toJSON(preset) {
  const out = { v: VERSION };
  for (const d of KEYS) {
    const value = preset[d.key];
    if (d.key !== 'v' && d.applies(preset) && format(value) !== format(d.def(preset))) {
      out[d.key] = Array.isArray(value) ? [...value] : value;
    }
  }
  return out;
}

export function canonicalize(preset) {
  return Object.entries(toJSON(preset))
    .map(([key, value]) => `${key}=${encodeURIComponent(format(value)).replace(/%2C/g, ',')}`)
    .join('&');
}
