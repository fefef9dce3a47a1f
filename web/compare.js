// compare.js - pinned runs: up to MAX_PINS presets kept beside the current
// one, drawn over its charts, named by what differs from it, and written
// into the link as view keys (pin=<encodeURIComponent(canonical)>, which
// web/preset.js ignores, so a pin never changes the current run).
import { KEYS, canonicalize, decode, describeKey, parse, show, toJSON } from './preset.js';
import { CURRENT, PIN_STYLES as STYLES } from './palette.js';
import { divergedAt } from './story.js';

export const MAX_PINS = 5;
// A link may repeat pin= without end: the first MAX_PIN_READS are read (the
// rest counted in one issue), and their issues stop at MAX_PIN_ISSUES,
// followed by one line counting the rest (as the preset's and the view's).
const MAX_PIN_READS = 50;
const MAX_PIN_ISSUES = 20;

const format = (v) => (Array.isArray(v) ? v.join(',') : String(v));

export const pinsToHash = (pins) => pins.map((p) => `&pin=${encodeURIComponent(p.canonical)}`).join('');

export class Pins {
  constructor() {
    this.list = []; // { canonical, preset, run (null while computing or stopped), style }
  }

  has(canonical) {
    return this.list.some((p) => p.canonical === canonical);
  }

  // Adds a preset (an object from parse); false when full or already there.
  add(preset, run = null) {
    const canonical = canonicalize(preset);
    if (this.list.length >= MAX_PINS || this.has(canonical)) return null;
    const used = new Set(this.list.map((p) => p.style));
    const pin = { canonical, preset, run, style: STYLES.find((s) => !used.has(s)) };
    this.list.push(pin);
    return pin;
  }

  remove(pin) {
    this.list = this.list.filter((p) => p !== pin);
  }

  clear() {
    this.list = [];
  }

  // Pins with a finished run, for the charts.
  get ready() {
    return this.list.filter((p) => p.run);
  }
}

// The keys whose values are not all equal across presets (that apply to
// any of them), in the preset table's order.
export function differingKeys(presets) {
  return KEYS.filter((d) => d.key !== 'v' && presets.some((p) => d.applies(p)) &&
    new Set(presets.map((p) => format(p[d.key]))).size > 1).map((d) => d.key);
}

// Only the settings that apply to the preset: no gamma on a constant schedule.
const applies = (k, preset) => describeKey(k).applies(preset);
const describe = (preset, keys) => keys.filter((k) => applies(k, preset)).map((k) => `${k} ${format(preset[k])}`).join(', ');

// "lr 0.001 / 0.01 / 0.1": each differing key with its values (where it
// applies), ascending where they are numbers.
export function headline(presets, keys) {
  return keys.map((k) => {
    const values = [...new Set(presets.filter((p) => applies(k, p)).map((p) => format(p[k])))];
    if (values.every((v) => Number.isFinite(Number(v)))) values.sort((a, b) => a - b);
    return `${k} ${values.join(' / ')}`;
  }).join('; ');
}

// Names for the current run and each pin: what differs among them all.
export function compareLabels(current, pins) {
  const all = [current, ...pins.list.map((p) => p.preset)];
  const keys = differingKeys(all);
  return {
    headline: keys.length ? `Compared: ${headline(all, keys)}` : 'Pinned runs: the same settings as the current one',
    current: keys.length ? `current: ${describe(current, keys)}` : 'current',
    pin: (p) => describe(p.preset, keys) || 'same settings',
  };
}

// " · ✕ diverged at step 12" for a run that diverged, else ''.
export const divergedNote = (run) => (run && run.diverged_at !== null ? ` · ${divergedAt(run.diverged_at)}` : '');

// The legend: a headline, the current run, each pin with an Unpin button
// (onUnpin(pin)) and, while its run is not there, under it what
// status(pin) gives (nodes); a diverged run says so.
export function renderLegend(root, current, pins, { onUnpin, status }, currentRun = null) {
  root.hidden = pins.list.length === 0;
  if (root.hidden) return root.replaceChildren();
  const names = compareLabels(current, pins);
  const item = (colour, dash, text, pin, run) => {
    const li = document.createElement('li');
    const swatch = document.createElement('span');
    swatch.className = `swatch${dash ? ' dashed' : ''}`;
    swatch.style.borderColor = colour;
    const label = document.createElement('span');
    label.className = 'run-label';
    label.textContent = text;
    li.append(swatch, label);
    const note = divergedNote(run);
    if (note) li.append(Object.assign(document.createElement('span'), { className: 'diverged', textContent: note }));
    if (pin) {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'unpin';
      b.textContent = '×';
      b.title = b.ariaLabel = `Unpin ${text}`;
      b.addEventListener('click', () => onUnpin(pin));
      li.append(b);
      if (!pin.run) li.append(...status(pin));
    }
    return li;
  };
  const head = document.createElement('li');
  head.className = 'headline';
  head.textContent = names.headline;
  const rows = pins.list.map((p) => item(p.style.colour, true, names.pin(p), p, p.run));
  rows.unshift(item(CURRENT, false, names.current, null, currentRun));
  root.replaceChildren(head, ...rows);
}

// The presets of "lr ÷10 · ×10" (those that are valid): the current run is
// the middle one and is on the charts already.
export function lrVariants(preset) {
  const out = [];
  for (const f of [0.1, 10]) {
    const lr = Number((preset.lr * f).toPrecision(12));
    const { preset: p, issues } = parse({ ...toJSON(preset), lr });
    if (!issues.length) out.push(p);
  }
  return out;
}

// The pins of a hash: { presets, issues }, each issue named "pin k" (the
// k-th pin= of the link). A key is decoded as every key of a link is
// (web/preset.js decode, so p%69n= is pin=). Up to MAX_PINS distinct runs
// are kept, in order; a pin that cannot be read (malformed, empty, another
// version) or repeats an earlier run takes no place; every pin not kept is
// reported.
export function readPins(hash) {
  const presets = [], issues = [], seen = new Map(); // canonical → k
  let k = 0, unlisted = 0, first = 0;
  const note = (issue) => (issues.length < MAX_PIN_ISSUES ? issues.push(issue) : unlisted++);
  for (const part of String(hash).replace(/^#/, '').split('&')) {
    const eq = part.indexOf('=');
    if (decode(eq < 0 ? part : part.slice(0, eq)) !== 'pin') continue;
    k++;
    if (first) continue; // counted below
    if (presets.length === MAX_PINS || k > MAX_PIN_READS) {
      first = k;
      continue;
    }
    const read = readPin(eq < 0 ? '' : part.slice(eq + 1), `pin ${k}`, note);
    if (!read) continue;
    const earlier = seen.get(read.canonical);
    if (earlier) note({ key: `pin ${k}`, reason: `the same run as pin ${earlier}; ignored` });
    else {
      seen.set(read.canonical, k);
      presets.push(read.preset);
    }
  }
  if (unlisted) issues.push({ key: 'pin', reason: `${unlisted} more issues with pins, not listed` });
  if (first) {
    const why = presets.length === MAX_PINS ? `ignored: a link pins at most ${MAX_PINS} runs` : `not read: a link's first ${MAX_PIN_READS} pins are read`;
    issues.push({ key: first === k ? `pin ${k}` : `pins ${first} to ${k}`, reason: why });
  }
  return { presets, issues };
}

// One pin's value → { preset, canonical }, or null with the reason noted.
function readPin(raw, name, note) {
  const text = decode(raw);
  if (text === undefined) return note({ key: name, value: show(raw), reason: 'malformed %-escape; ignored' }), null;
  if (!text.trim()) return note({ key: name, reason: 'empty; ignored' }), null;
  let parsed;
  try {
    parsed = parse(text); // throws for another version
    parse(text, { strict: true }); // throws too for a text that is no preset (broken JSON)
  } catch (e) {
    const noPreset = e.key === 'preset' && /^not valid JSON/.test(e.reason);
    if (!parsed || noPreset) return note({ key: name, reason: `${e.message}; ignored` }), null;
  }
  for (const i of parsed.issues) note({ ...i, key: `${name}: ${i.key}` });
  return { preset: parsed.preset, canonical: canonicalize(parsed.preset) };
}
