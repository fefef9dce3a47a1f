// own-data.js - a user's own data (data=own) behind the preset key
// `points`: either the points themselves in the link ("1.<base64url>",
// web/points.js) or, for a set larger than a link carries (LINK_ROWS), a
// reference to the file they came from ("file.<digest>") that only works
// where that file was loaded (remember()). Decoded sets are cached by their
// text, so parsing a link again costs nothing. Pure module: the page, its
// workers and the CLI each keep their own cache; web/spawn.js hands a
// file's data to the workers with the request that needs them.
import { LINK_ROWS, decodePoints, encodePoints, pointsDigest } from './points.js';

export { LINK_ROWS };

const FILE = /^file\.([0-9a-f]{16})$/;
const MAX_CACHED = 8;
const cache = new Map(); // points text → data

function keep(text, data) {
  cache.delete(text);
  cache.set(text, data);
  while (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value);
  return data;
}

// The points text of a data set (what the link carries) and, as a side
// effect, the set cached under it: inline up to LINK_ROWS rows, else a
// reference to its file.
export function remember(data) {
  const text = data.n <= LINK_ROWS ? encodePoints(data) : `file.${pointsDigest(data)}`;
  keep(text, data);
  return text;
}

// A points text → { data } or { error } (a sentence for the user).
export function ownData(text) {
  if (typeof text !== 'string' || !text) return { error: 'no points: data=own needs the points of a data set' };
  const hit = cache.get(text);
  if (hit) return { data: keep(text, hit) };
  const file = FILE.exec(text);
  if (file) {
    return { error: `the data of this run are too large for a link (file ${file[1]}): load the CSV file it was made from` };
  }
  const decoded = decodePoints(text);
  return decoded.ok ? { data: keep(text, decoded.data) } : { error: decoded.error };
}

// Whether a points text refers to a file (its data are not in the link).
export const isFileRef = (text) => FILE.test(text ?? '');

// A message for another thread (a worker, a thread of the CLI's pool): the
// data of a file reference go along, as that thread never saw the file.
export function withOwn(message) {
  const p = message?.preset;
  const data = p?.data === 'own' && isFileRef(p.points) ? cache.get(p.points) : undefined;
  return data ? { ...message, own: data } : message;
}

// On the receiving side: the data that came along, kept for the presets
// that name them.
export function adopt(message) {
  if (message?.own) remember(message.own);
}

// The kind of problem a data set fits: classification sets fit logreg and
// mlp, regression sets linreg and mlp.
export function fitsProblem(data, problem) {
  if (problem === 'mlp') return null;
  if (problem === 'logreg' && !data.classes) return 'logreg needs labelled data (x1,x2,label); these are (x, y) pairs';
  if (problem === 'linreg' && data.classes) return `linreg needs (x, y) data; these have ${data.classes} classes`;
  return null;
}
