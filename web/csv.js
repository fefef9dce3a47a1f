// csv.js - a student's own data from CSV text: x1,x2,label rows (a
// classification) or x,y rows (a regression), read strictly, every refusal
// naming its line and column.
//
// Pure ES module, no dependencies: runs unchanged in browsers, Web Workers
// and Node. Nothing here builds HTML; callers show messages as text.
//
// parseCsv(text, { maxRows }) → { ok: true, kind, n, d, x, y, classes, names, header, notes }
//                            or { ok: false, error }; never throws.
//   x: Float32Array (n, d) row-major, d = 2 (classification) or 1 (regression)
//   y: Float32Array (n): the class index 0..classes-1, or the target
//   names: the class names sorted by code unit (class i is names[i]), or null
//   for integer labels and for a regression (classes = 0)

export const MAX_BYTES = 4 * 1024 * 1024;
export const MAX_CLASSES = 8;
export const MAX_NAME_BYTES = 32;
export const MIN_ROWS = 4;
export const DEFAULT_MAX_ROWS = 10000;

// The grammar of a value, as PRESET.md's numbers: no input backtracks more
// than linearly (after \d+ only '.', 'e' or the end may follow).
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const NOT_FINITE = /^[+-]?(?:nan|inf|infinity)$/i;
const DECIMAL_COMMA = /^[+-]?\d+,\d+$/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const SHAPES = {
  3: { kind: 'classification', d: 2, columns: ['x1', 'x2', 'label'] },
  2: { kind: 'regression', d: 1, columns: ['x', 'y'] },
};

// 12345 → "12,345", whatever the locale.
export function grouped(n) {
  return String(n).replace(/\B(?=(\d{3})+$)/g, ',');
}

// User text in a message: at most n characters, never half a surrogate pair.
export function clip(s, n = 40) {
  return s.length <= n ? s : s.slice(0, n - 1).replace(/[\uD800-\uDBFF]$/, '') + '…';
}

export function utf8Length(s) {
  let bytes = s.length; // each code unit is at least one byte
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x800 && (c < 0xd800 || c > 0xdfff)) bytes += 2;
    else if (c >= 0x80 && c < 0x800) bytes += 1;
    // a surrogate pair: 2 units, 4 bytes (a lone one, which no decoded file holds, counts 2)
    else if (c >= 0xd800 && c <= 0xdfff) bytes += 1;
  }
  return bytes;
}

// Rounded up, so that a file just over the limit never reads as at it.
// The refusal of a file of `bytes` bytes over MAX_BYTES (also said before reading one).
export const tooLarge = (bytes) => `the file is ${megabytes(bytes)}: at most ${MAX_BYTES / (1024 * 1024)} MB`;
const megabytes = (bytes) => `${(Math.ceil((bytes / (1024 * 1024)) * 10) / 10).toFixed(1)} MB`;

// A field as written: surrounding spaces and one pair of double quotes gone.
function unwrap(field) {
  const s = field.trim();
  return s.length >= 2 && s[0] === '"' && s[s.length - 1] === '"' ? s.slice(1, -1).trim() : s;
}

// A field that can stand for a number (so it is no header's name).
const numberLike = (s) => NUMBER.test(s) || NOT_FINITE.test(s);

// One numeric field → { value } (a float32) or { reason }.
function readNumber(s) {
  if (s === '') return { reason: 'no value' };
  if (NOT_FINITE.test(s)) return { reason: 'NaN or infinity is not a value' };
  if (!NUMBER.test(s)) {
    const hint = DECIMAL_COMMA.test(s) ? " (write decimals with '.')" : '';
    return { reason: `'${clip(s)}' is not a number${hint}` };
  }
  const value = Math.fround(Number(s));
  if (!Number.isFinite(value)) return { reason: `${clip(s)} is beyond float32's range (±3.4e38)` };
  return { value };
}

// One label → { index } (an integer label), { name } or { reason }.
function readLabel(s) {
  if (s === '') return { reason: 'no value' };
  if (NUMBER.test(s)) {
    const v = Number(s);
    if (!Number.isInteger(v)) return { reason: `${clip(s)} is not a whole number; labels are 0..${MAX_CLASSES - 1} or names` };
    return { index: v, name: s };
  }
  if (LONE_SURROGATE.test(s)) return { reason: `'${clip(s)}' is not valid text` };
  const bytes = utf8Length(s);
  if (bytes > MAX_NAME_BYTES) return { reason: `the name '${clip(s)}' is ${bytes} bytes: at most ${MAX_NAME_BYTES}` };
  return { name: s };
}

function count(s, c) {
  let k = 0;
  for (let i = s.indexOf(c); i >= 0; i = s.indexOf(c, i + 1)) k++;
  return k;
}

// The delimiter, from the first row: ',' unless it has none but a ';' or a tab.
function delimiterOf(line) {
  if (line.includes(',')) return ',';
  const semicolons = count(line, ';'), tabs = count(line, '\t');
  if (semicolons === 0 && tabs === 0) return ',';
  return semicolons >= tabs ? ';' : '\t';
}

// The text as physical lines: CRLF, CR and LF all end one.
function linesOf(text, notes) {
  if (text.charCodeAt(0) === 0xfeff) {
    text = text.slice(1);
    notes.push('Removed a byte-order mark (BOM).');
  }
  // (a string split is several times faster than a regex split on 4 MB of line ends)
  return (text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text).split('\n');
}

// Where the rows are, and their shape: { rows: [line index], shape, delimiter, header } or { error }.
function layout(lines, maxRows, notes) {
  const rows = [];
  for (let i = 0; i < lines.length; i++) if (lines[i].length && /\S/.test(lines[i])) rows.push(i);
  if (!rows.length) return { error: 'the file is empty' };
  const first = lines[rows[0]];
  const delimiter = delimiterOf(first);
  const width = count(first, delimiter) + 1;
  const shape = SHAPES[width];
  if (!shape) {
    return { error: `a row needs 3 values (x1,x2,label) for classification or 2 (x,y) for regression; line ${rows[0] + 1} has ${width}` };
  }
  const fields = first.split(delimiter).map(unwrap);
  if (delimiter !== ',') notes.push(`Read with ${delimiter === ';' ? "';'" : 'tabs'} between values.`);
  const firstLine = rows[0] + 1;
  // a header: a name among the first two fields (a label may be a name)
  const header = rows.length > 1 && fields.slice(0, 2).some((f) => !numberLike(f)) ? fields : null;
  if (header) {
    rows.shift();
    notes.push(`Line ${firstLine} is a header: ${header.map((f) => clip(f, 24)).join(', ')}.`);
  }
  if (rows.length < MIN_ROWS) return { error: `${rows.length} row${rows.length === 1 ? '' : 's'}: at least ${MIN_ROWS}` };
  if (rows.length > maxRows) return { error: `${grouped(rows.length)} rows: at most ${grouped(maxRows)}` };
  return { rows, shape, delimiter, header, firstLine };
}

// Column names for messages: the header's, else the shape's.
const columnsOf = ({ shape, header }) => (header ? header.map((f) => clip(f, 20)) : shape.columns);

// Every row's values: { x, y, labels } (labels: readLabel results) or { error }.
function readRows(lines, plan) {
  const { rows, shape, delimiter, firstLine } = plan;
  const n = rows.length, width = shape.d + 1, columns = columnsOf(plan);
  const x = new Float32Array(n * shape.d), y = new Float32Array(n);
  const labels = shape.kind === 'classification' ? new Array(n) : null;
  for (let r = 0; r < n; r++) {
    const line = rows[r] + 1;
    const fields = lines[rows[r]].split(delimiter);
    if (fields.length !== width) {
      return { error: `line ${line}: ${fields.length} value${fields.length === 1 ? '' : 's'}, expected ${width} (${columns.join(',')}) like line ${firstLine}` };
    }
    for (let c = 0; c < width; c++) {
      const s = unwrap(fields[c]);
      const read = labels && c === shape.d ? readLabel(s) : readNumber(s);
      if (read.reason) return { error: `line ${line}, column ${c + 1} (${columns[c]}): ${read.reason}` };
      if (labels && c === shape.d) labels[r] = { ...read, line };
      else if (c < shape.d) x[r * shape.d + c] = read.value;
      else y[r] = read.value;
    }
  }
  return { x, y, labels };
}

// The class of every row, from its label: { classes, names } or { error }.
function classify(labels, y, column) {
  const at = (l) => `line ${l.line}, column 3 (${column})`;
  if (labels.every((l) => l.index !== undefined)) {
    for (const l of labels) {
      if (l.index < 0 || l.index >= MAX_CLASSES) return { error: `${at(l)}: label ${clip(l.name)} is not a class: labels are 0..${MAX_CLASSES - 1} or names` };
    }
    labels.forEach((l, r) => (y[r] = l.index || 0)); // never -0
    return checkCounts(y, labels.reduce((k, l) => Math.max(k, l.index + 1), 0), null);
  }
  const seen = new Set();
  for (const l of labels) {
    if (seen.has(l.name)) continue;
    if (seen.size === MAX_CLASSES) return { error: `${at(l)}: '${clip(l.name)}' is a ${MAX_CLASSES + 1}th class: at most ${MAX_CLASSES}` };
    // a whole number among names is a name (ASCII: its length in bytes)
    if (l.name.length > MAX_NAME_BYTES) return { error: `${at(l)}: the name '${clip(l.name)}' is ${l.name.length} bytes: at most ${MAX_NAME_BYTES}` };
    seen.add(l.name);
  }
  const names = [...seen].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const index = new Map(names.map((name, i) => [name, i]));
  labels.forEach((l, r) => (y[r] = index.get(l.name)));
  return checkCounts(y, names.length, names);
}

// At least 2 classes, and a row in each of 0..k-1.
export function checkCounts(y, k, names) {
  const counts = new Array(Math.max(k, 1)).fill(0);
  for (const c of y) counts[c]++;
  const present = counts.filter((c) => c > 0).length;
  const nameOf = (c) => (names ? clip(names[c]) : String(c));
  if (present < 2) return { error: `only one class (${nameOf(counts.findIndex((c) => c > 0))}): a classifier needs at least 2` };
  const missing = counts.indexOf(0);
  if (missing >= 0) return { error: `class ${missing} has no rows (labels are 0..${k - 1}: each needs a row)` };
  return { classes: k, names };
}

export function parseCsv(text, { maxRows = DEFAULT_MAX_ROWS } = {}) {
  if (typeof text !== 'string') return { ok: false, error: 'the file is not text' };
  if (!Number.isInteger(maxRows) || maxRows < MIN_ROWS) maxRows = DEFAULT_MAX_ROWS;
  const bytes = utf8Length(text);
  if (bytes > MAX_BYTES) return { ok: false, error: tooLarge(bytes) };
  const notes = [];
  const lines = linesOf(text, notes);
  const plan = layout(lines, maxRows, notes);
  if (plan.error) return { ok: false, error: plan.error };
  const { x, y, labels, error } = readRows(lines, plan);
  if (error) return { ok: false, error };
  const { kind, d } = plan.shape;
  let classes = 0, names = null;
  if (labels) {
    const result = classify(labels, y, columnsOf(plan)[2]);
    if (result.error) return { ok: false, error: result.error };
    ({ classes, names } = result);
  }
  return { ok: true, kind, n: y.length, d, x, y, classes, names, header: plan.header, notes };
}
