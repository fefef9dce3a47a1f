// compare.js - pinned runs: up to MAX_PINS presets kept beside the current
// one, drawn over its charts, named by what differs from it, and written
// into the link as view keys (pin=<encodeURIComponent(canonical)>, which
// web/preset.js ignores, so a pin never changes the current run).
import { KEYS, canonicalize, parse, toJSON } from './preset.js';
import { OKABE_ITO } from './contour.js';

export const MAX_PINS = 5;
// colour and dash per pin slot; the current run is blue and solid
const STYLES = [
  { colour: OKABE_ITO.orange, dash: [7, 3] },
  { colour: OKABE_ITO.purple, dash: [2, 3] },
  { colour: OKABE_ITO.sky, dash: [10, 3, 2, 3] },
  { colour: OKABE_ITO.black, dash: [4, 4] },
  { colour: OKABE_ITO.green, dash: [1, 4] },
];

const format = (v) => (Array.isArray(v) ? v.join(',') : String(v));

// The pin=... values of a location hash, decoded, in order (at most MAX_PINS).
export function pinsInHash(hash) {
  const out = [];
  for (const part of hash.replace(/^#/, '').split('&')) {
    if (!part.startsWith('pin=')) continue;
    try {
      out.push(decodeURIComponent(part.slice(4)));
    } catch {
      out.push(null); // a malformed escape: reported by the caller
    }
  }
  return out.slice(0, MAX_PINS);
}

export const pinsToHash = (pins) => pins.map((p) => `&pin=${encodeURIComponent(p.canonical)}`).join('');

export class Pins {
  constructor() {
    this.list = []; // { canonical, preset, run (null while computing), style }
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

const describe = (preset, keys) => keys.map((k) => `${k} ${format(preset[k])}`).join(', ');

// "lr 0.001 / 0.01 / 0.1": each differing key with its values, ascending
// where they are numbers.
export function headline(presets, keys) {
  return keys.map((k) => {
    const values = [...new Set(presets.map((p) => format(p[k])))];
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

// The legend: a headline, the current run, each pin with an Unpin button.
export function renderLegend(root, current, pins, onUnpin) {
  root.hidden = pins.list.length === 0;
  if (root.hidden) return root.replaceChildren();
  const names = compareLabels(current, pins);
  const item = (colour, dash, text, pin) => {
    const li = document.createElement('li');
    const swatch = document.createElement('span');
    swatch.className = `swatch${dash ? ' dashed' : ''}`;
    swatch.style.borderColor = colour;
    const label = document.createElement('span');
    label.textContent = text;
    li.append(swatch, label);
    if (pin) {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'unpin';
      b.textContent = '×';
      b.title = b.ariaLabel = `Unpin ${text}`;
      b.addEventListener('click', () => onUnpin(pin));
      li.append(b);
    }
    return li;
  };
  const head = document.createElement('li');
  head.className = 'headline';
  head.textContent = names.headline;
  const rows = pins.list.map((p) => item(p.style.colour, true, `${names.pin(p)}${p.run ? '' : ' (computing…)'}`, p));
  rows.unshift(item(OKABE_ITO.blue, false, names.current));
  root.replaceChildren(head, ...rows);
}

// The three presets of "lr ÷10 · lr · lr ×10" (those that are valid).
export function lrVariants(preset) {
  const out = [];
  for (const f of [0.1, 1, 10]) {
    const lr = Number((preset.lr * f).toPrecision(12));
    const { preset: p, issues } = parse({ ...toJSON(preset), lr });
    if (!issues.length) out.push(p);
  }
  return out;
}

// Parses the pins of a hash: [{ preset }] and the issues, each named "pin k".
export function readPins(hash) {
  const presets = [], issues = [];
  pinsInHash(hash).forEach((text, k) => {
    const name = `pin ${k + 1}`;
    if (text === null) return issues.push({ key: name, reason: 'malformed %-escape, ignored' });
    try {
      const r = parse(text);
      presets.push(r.preset);
      for (const i of r.issues) issues.push({ ...i, key: `${name}: ${i.key}` });
    } catch (e) {
      issues.push({ key: name, reason: `${e.message}; ignored` });
    }
  });
  return { presets, issues };
}
