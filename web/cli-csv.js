// cli-csv.js - the command line's --csv FILE (web/cli.mjs): a CSV file's
// data, read as the page reads a dropped file (web/csv.js), become the
// preset's data: data=own&points=<own-data.js remember()>, in place of any
// data and points the preset names. Every refusal is a CsvError whose
// message names the file; what the file's reading noticed and how the core
// scaled its columns are lines for stderr.
import { clip, grouped, parseCsv } from './csv.js';
import { fitsProblem, isFileRef, ownData, remember } from './own-data.js';
import { LINK_ROWS, decodePoints, pointsDigest, pointsText } from './points.js';
import { DATA_PROBLEMS, PresetError, SURFACES, decode, parse } from './preset.js';

// A refusal; its message follows "lr-playground: " as it is.
export class CsvError extends Error {}

// Text from the user's file on stderr: one line, no control characters.
const oneLine = (s) => s.replace(/[\p{C}\p{Zl}\p{Zp}]/gu, '?');
const named = (file) => (file === '-' ? '- (standard input)' : oneLine(file));

// The CSV text's data: { file, name, data, points, digest } (points: the
// text the preset carries, cached by remember()), or a CsvError.
export function readCsv(file, text) {
  const name = named(file);
  const data = parseCsv(text);
  if (!data.ok) throw new CsvError(`--csv ${name}: ${data.error}`);
  return { file, name, data, points: remember(data), digest: pointsDigest(data) };
}

// The keys points and problem of a preset's text, as given (a link's
// values %-decoded; a repeated one is the preset's own error), and the
// preset without data and points: { json, rest, given }, rest the link's
// text (more pairs join it with '&') or the JSON object.
function givenKeys(text) {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    let object;
    try {
      object = JSON.parse(trimmed);
    } catch {
      return null; // the preset's parse says what is wrong
    }
    if (object === null || typeof object !== 'object' || Array.isArray(object)) return null;
    const { data, points, ...rest } = object;
    return { json: true, rest, given: { points, problem: object.problem } };
  }
  const hash = trimmed.indexOf('#');
  const given = {}, kept = [];
  for (const part of trimmed.slice(hash + 1).split('&')) {
    const eq = part.indexOf('=');
    const key = decode(eq < 0 ? part : part.slice(0, eq));
    if (key === 'points' || key === 'problem') given[key] = decode(eq < 0 ? '' : part.slice(eq + 1));
    if (key !== 'data' && key !== 'points' && part) kept.push(part);
  }
  return { json: false, rest: trimmed.slice(0, hash + 1) + kept.join('&'), given };
}

// A link made from a CSV file names it by the digest of its data: the
// points in it (their digest) or file.<digest>. Another file is refused.
function checkSameFile(points, csv) {
  if (points === undefined || points === '') return;
  let wants;
  if (typeof points === 'string' && isFileRef(points)) wants = points.slice('file.'.length);
  else {
    const decoded = typeof points === 'string' ? decodePoints(points) : { ok: false, error: 'not a text' };
    wants = decoded.ok ? pointsDigest(decoded.data) : `points that do not read: ${decoded.error}`;
  }
  if (wants !== csv.digest) {
    throw new CsvError(`--csv: this file is not the one the link was made from (digest ${csv.digest}, the link wants ${wants})`);
  }
}

// The problem must take the file's kind of data.
export function checkProblem(problem, csv) {
  if (SURFACES.includes(problem)) {
    throw new CsvError(`--csv ${csv.name}: data=own needs problem linreg, logreg or mlp; ${problem} is a surface` +
      `${problem === 'rosenbrock' ? ' (the default problem)' : ''}`);
  }
  const why = DATA_PROBLEMS.includes(problem) ? fitsProblem(csv.data, problem) : null;
  if (why) throw new CsvError(`--csv ${csv.name}: ${why} (${csv.data.classes ? 'logreg or mlp' : 'linreg or mlp'} fit them)`);
}

// The object rebuilt from JSON keeps one of a repeated key: the exact
// parse of the text as given says so first (its other errors wait for the
// parse of the rebuilt preset, whose data and points are the file's).
function checkJsonKeys(text) {
  try {
    parse(text, { exact: true });
  } catch (e) {
    if (e instanceof PresetError && e.reason === 'given more than once') throw e;
  }
}

// The preset's text with the CSV's data in place of its own, parsed as
// the command line parses (parse(text, options)): { preset, issues }; a
// link made from another file and a problem that does not fit are refused.
export function presetWithCsv(text, csv, options) {
  const keys = givenKeys(text);
  if (!keys) return parse(text, options); // no preset: its parse refuses it
  if (keys.json && options.exact) checkJsonKeys(text);
  checkSameFile(keys.given.points, csv);
  const problem = keys.given.problem ?? 'rosenbrock';
  if (typeof problem === 'string' && (SURFACES.includes(problem) || DATA_PROBLEMS.includes(problem))) checkProblem(problem, csv);
  const input = keys.json ? { ...keys.rest, data: 'own', points: csv.points }
    : `${keys.rest}${/[#&]$|^$/.test(keys.rest) ? '' : '&'}data=own&points=${encodeURIComponent(csv.points)}`;
  return parse(input, options); // the caller checks its problem again (checkProblem): --lenient may change it
}

// Without --csv: a link whose data are in a file cannot run here.
export function checkNoFile(text) {
  const points = givenKeys(text)?.given.points;
  if (typeof points === 'string' && isFileRef(points) && ownData(points).error) {
    throw new CsvError(`points: this link's data are not in it but in the CSV file it was made from ` +
      `(digest ${points.slice('file.'.length)}): run it with --csv FILE, that file`);
  }
}

// What to say on stderr about the file: what its reading noticed, its
// size, how the core scaled each column (scale: data_scale, lo, hi,
// scaled per column), and whether a link can carry its points.
export function csvNotes(csv, scale) {
  const { data, name } = csv;
  const columns = data.header ?? (data.d === 2 ? ['x1', 'x2', 'label'] : ['x', 'y']);
  const lines = [...data.notes, `${pointsText(data)}.`];
  for (let c = 0; 3 * c < scale.length; c++) {
    const [lo, hi, scaled] = scale.subarray(3 * c, 3 * c + 3);
    const span = `from ${Number(lo.toPrecision(6))} to ${Number(hi.toPrecision(6))}`;
    lines.push(`column ${c + 1} (${clip(columns[c], 24)}) ${span}: ${!scaled ? 'used as it is' : lo === hi ? 'constant, set to 0' : 'mapped onto [-1.5, 1.5]'}.`);
  }
  if (isFileRef(csv.points)) {
    lines.push(`${grouped(data.n)} rows are more than a link carries (${grouped(LINK_ROWS)}): the preset says points=${csv.points}, ` +
      `and running it again needs this file (--csv ${name}).`);
  }
  return lines.map((l) => `--csv ${name}: ${oneLine(l)}`);
}
