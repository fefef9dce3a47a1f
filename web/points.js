// points.js - a student's own data in a link: a versioned, compact encoding
// that gives back the very same float32 values, and a digest that names a
// data set too large for a link.
//
// Pure ES module: runs unchanged in browsers, Web Workers and Node. Nothing
// here builds HTML.
//
// The text is "1." + base64url (no padding) of the raw DEFLATE (fflate,
// level 9: the same data always give the same text) of these bytes, all
// numbers little-endian:
//   u8  k          classes, 2..8; 0 for a regression
//   u8  m          names, 0 or k
//   u32 n          rows, 4..maxRows
//   m × (u8 length 1..32, UTF-8 bytes)   names in code-unit order, distinct
//   f32 x (n, d)   row-major; d = 2 (classification) or 1 (regression)
//   y: u8 (n) class indices below k, or f32 (n) targets
//
// encodePoints(data) → text; pointsDigest(data) → 16 hex digits (FNV-1a 64
// of the bytes); both throw a TypeError for data parseCsv could not give.
// decodePoints(text, { maxRows }) → { ok: true, data } or { ok: false, error };
// never throws, and never inflates more than the largest data allowed.

import { fflate } from './gen/fflate.mjs'; // its code runs at the first call
import { DEFAULT_MAX_ROWS, MAX_CLASSES, MAX_NAME_BYTES, MIN_ROWS, checkCounts, clip, grouped } from './csv.js';

export const VERSION = 1;
// The largest data set whose link carries its points.
export const LINK_ROWS = 2000;

const PREFIX = `${VERSION}.`;
const HEADER_BYTES = 6;
const MAX_ROW_BYTES = 9; // classification: 2 f32 + u8; a regression needs 8
const maxBytes = (maxRows) => HEADER_BYTES + MAX_CLASSES * (1 + MAX_NAME_BYTES) + maxRows * MAX_ROW_BYTES;
// base64 of deflate's worst case (stored blocks: 5 bytes per 64 KiB), with slack.
const maxTextLength = (maxRows) => PREFIX.length + Math.ceil((4 / 3) * maxBytes(maxRows) * 1.1) + 256;
const INFLATE_CHUNK = 1024; // input bytes a push: at most ~1 MB out before the size check

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const SEXTET = new Int8Array(128).fill(-1);
for (let i = 0; i < 64; i++) SEXTET[ALPHABET.charCodeAt(i)] = i;

function toBase64url(bytes) {
  let s = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const v = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let j = 0; j < chars; j++) s += ALPHABET[(v >> (18 - 6 * j)) & 63];
  }
  return s;
}

// Strict: only the alphabet, no padding, no length of 1 mod 4, unused bits 0.
function fromBase64url(s) {
  if (s.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((s.length * 3) / 4));
  let acc = 0, bits = 0, o = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const v = c < 128 ? SEXTET[c] : -1;
    if (v < 0) return null;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 255;
    }
  }
  return (acc & ((1 << bits) - 1)) === 0 ? out : null;
}

const utf8 = new TextEncoder();
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const byOrder = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

// What is wrong with data of parseCsv's shape, or null.
function problem({ kind, n, x, y, classes, names }, maxRows) {
  const d = kind === 'classification' ? 2 : 1;
  if (kind !== 'classification' && kind !== 'regression') return `kind ${clip(String(kind))} is not classification or regression`;
  if (!Number.isInteger(n) || n < MIN_ROWS) return `${n} rows: at least ${MIN_ROWS}`;
  if (n > maxRows) return `${grouped(n)} rows: at most ${grouped(maxRows)}`;
  if (!(x instanceof Float32Array) || x.length !== n * d || !(y instanceof Float32Array) || y.length !== n) {
    return `x and y are not Float32Arrays of ${n * d} and ${n} values`;
  }
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < d; j++) if (!Number.isFinite(x[r * d + j])) return `row ${r + 1} has NaN or infinity`;
    if (d === 1 && !Number.isFinite(y[r])) return `row ${r + 1} has NaN or infinity`;
  }
  if (d === 1) return classes === 0 && names == null ? null : 'a regression has no classes';
  if (!Number.isInteger(classes) || classes < 2 || classes > MAX_CLASSES) return `${classes} classes: 2 to ${MAX_CLASSES}`;
  for (let r = 0; r < n; r++) {
    if (!(Number.isInteger(y[r]) && y[r] >= 0 && y[r] < classes)) return `label ${y[r]} at row ${r + 1} is not below ${classes} classes`;
  }
  return namesProblem(names, classes) ?? checkCounts(y, classes, names).error ?? null;
}

function namesProblem(names, classes) {
  if (names == null) return null;
  if (!Array.isArray(names) || names.length !== classes) return `${names?.length} names for ${classes} classes`;
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    const bytes = typeof name === 'string' ? utf8.encode(name).length : 0;
    if (bytes < 1 || bytes > MAX_NAME_BYTES) return `name ${i + 1} is ${bytes} bytes: 1 to ${MAX_NAME_BYTES}`;
    if (name !== name.trim()) return `name ${i + 1} '${clip(name)}' has spaces around it`;
    if (name.isWellFormed?.() === false) return `name ${i + 1} is not valid text`;
    if (i > 0 && byOrder(names[i - 1], name) >= 0) return 'the names are not distinct and in code-unit order';
  }
  return null;
}

// The v1 bytes of valid data.
function toBytes(data) {
  const { kind, n, x, y, classes } = data;
  const names = (data.names ?? []).map((s) => utf8.encode(s));
  const classification = kind === 'classification';
  const size = HEADER_BYTES + names.reduce((sum, b) => sum + 1 + b.length, 0) + x.length * 4 + n * (classification ? 1 : 4);
  const bytes = new Uint8Array(size), view = new DataView(bytes.buffer);
  bytes[0] = classes;
  bytes[1] = names.length;
  view.setUint32(2, n, true);
  let o = HEADER_BYTES;
  for (const b of names) {
    bytes[o++] = b.length;
    bytes.set(b, o);
    o += b.length;
  }
  for (let i = 0; i < x.length; i++, o += 4) view.setFloat32(o, x[i], true);
  if (classification) for (let i = 0; i < n; i++) bytes[o++] = y[i];
  else for (let i = 0; i < n; i++, o += 4) view.setFloat32(o, y[i], true);
  return bytes;
}

function validBytes(data, caller) {
  const reason = data && typeof data === 'object' ? problem(data, 2 ** 32 - 1) : 'not data';
  if (reason) throw new TypeError(`${caller}: ${reason}`);
  return toBytes(data);
}

export function encodePoints(data) {
  return PREFIX + toBase64url(fflate().deflateSync(validBytes(data, 'encodePoints'), { level: 9 }));
}

// FNV-1a 64 over the v1 bytes, in two 32-bit halves: the prime 2^40 + 0x1b3
// multiplies as h × 0x1b3 + (h << 40) mod 2^64.
export function pointsDigest(data) {
  const bytes = validBytes(data, 'pointsDigest');
  let hi = 0xcbf29ce4, lo = 0x84222325;
  for (const b of bytes) {
    lo ^= b;
    const low = (lo >>> 0) * 0x1b3;
    const carry = Math.floor(low / 0x100000000);
    hi = (hi * 0x1b3 + carry + ((lo << 8) >>> 0)) >>> 0;
    lo = low >>> 0;
  }
  return hi.toString(16).padStart(8, '0') + (lo >>> 0).toString(16).padStart(8, '0');
}

// Raw DEFLATE → bytes, refusing output past max as soon as it is made.
function inflateBounded(compressed, max) {
  const parts = [];
  let total = 0;
  const inflate = new (fflate().Inflate)((chunk) => {
    total += chunk.length;
    if (total <= max) parts.push(chunk);
  });
  for (let i = 0; i < compressed.length && total <= max; i += INFLATE_CHUNK) {
    const end = Math.min(i + INFLATE_CHUNK, compressed.length);
    inflate.push(compressed.subarray(i, end), end === compressed.length);
  }
  if (total > max) return { error: `more than ${grouped(max)} bytes` };
  const out = new Uint8Array(total);
  let o = 0;
  for (const part of parts) out.set(part, (o += part.length) - part.length);
  return { bytes: out };
}

// The names after the header: { names, end } or { error }.
function readNames(bytes, m, k) {
  const names = [];
  let o = HEADER_BYTES;
  for (let i = 0; i < m; i++) {
    const length = bytes[o] ?? 0;
    if (o + 1 + length > bytes.length) return { error: 'the data are damaged (a name is cut off)' };
    try {
      names.push(strictUtf8.decode(bytes.subarray(o + 1, o + 1 + length)));
    } catch {
      return { error: `name ${i + 1} is not valid UTF-8` };
    }
    o += 1 + length;
  }
  const error = m ? namesProblem(names, k) : null;
  return error ? { error } : { names: m ? names : null, end: o };
}

// The v1 bytes → { data } or { error }.
function fromBytes(bytes, maxRows) {
  if (bytes.length < HEADER_BYTES) return { error: `the data are damaged (${bytes.length} bytes)` };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const k = bytes[0], m = bytes[1], n = view.getUint32(2, true);
  if (k === 1 || k > MAX_CLASSES) return { error: `${k} class${k === 1 ? '' : 'es'}: 2 to ${MAX_CLASSES}, or 0 for a regression` };
  if (m !== 0 && m !== k) return { error: `${m} names for ${k} classes` };
  if (n < MIN_ROWS) return { error: `${n} rows: at least ${MIN_ROWS}` };
  if (n > maxRows) return { error: `${grouped(n)} rows: at most ${grouped(maxRows)}` };
  const { names, end, error } = readNames(bytes, m, k);
  if (error) return { error };
  const d = k ? 2 : 1;
  const expected = end + n * d * 4 + n * (k ? 1 : 4);
  if (bytes.length !== expected) return { error: `the data are damaged (${grouped(bytes.length)} bytes, expected ${grouped(expected)})` };
  const x = new Float32Array(n * d), y = new Float32Array(n);
  let o = end;
  for (let i = 0; i < x.length; i++, o += 4) x[i] = view.getFloat32(o, true);
  if (k) for (let i = 0; i < n; i++) y[i] = bytes[o++];
  else for (let i = 0; i < n; i++, o += 4) y[i] = view.getFloat32(o, true);
  const kind = k ? 'classification' : 'regression';
  const data = { kind, n, d, x, y, classes: k, names, header: null, notes: [] };
  const reason = problem(data, maxRows);
  return reason ? { error: reason } : { data };
}

export function decodePoints(text, { maxRows = DEFAULT_MAX_ROWS } = {}) {
  if (!Number.isInteger(maxRows) || maxRows < MIN_ROWS) maxRows = DEFAULT_MAX_ROWS;
  const fail = (reason) => ({ ok: false, error: `points: ${reason}` });
  if (typeof text !== 'string') return fail('not text');
  const cap = maxTextLength(maxRows);
  if (text.length > cap) return fail(`${grouped(text.length)} characters: at most ${grouped(cap)}`);
  if (!text.startsWith(PREFIX)) return fail(`not version ${VERSION}`);
  const compressed = fromBase64url(text.slice(PREFIX.length));
  if (!compressed) return fail('not valid base64url');
  let inflated;
  try {
    inflated = inflateBounded(compressed, maxBytes(maxRows));
  } catch (e) {
    return fail(`the data are damaged (${clip(String(e?.message), 60)})`);
  }
  if (inflated.error) return fail(`the data are damaged (${inflated.error})`);
  const { data, error } = fromBytes(inflated.bytes, maxRows);
  return error ? fail(error) : { ok: true, data };
}

// One short sentence: "150 rows, 3 classes (setosa, versicolor, virginica)".
export function pointsText({ kind, n, classes, names }) {
  if (kind !== 'classification') return `${grouped(n)} rows of (x, y)`;
  const which = names ? clip(names.join(', '), 80) : `0 to ${classes - 1}`;
  return `${grouped(n)} rows, ${classes} classes (${which})`;
}
