// settings.js - what the learning-rate tools (find.js, sweep.js, tune.js)
// share: a preset with some settings changed (withSettings), and their
// option checks, whose failures name the option (ToolError).
import { KEYS, PresetError, parse, toJSON } from './preset.js';

// A bad option, by the option's name: the CLI prints "<key>: <reason>".
export class ToolError extends PresetError {
  constructor(key, reason) {
    super(key, reason);
    this.name = 'ToolError';
  }
}

export const need = (ok, key, reason) => {
  if (!ok) throw new ToolError(key, reason);
};
export const isInt = (x, lo, hi) => Number.isInteger(x) && x >= lo && x <= hi;

// The schedule's keys: a tool that replaces the schedule drops them all.
export const SCHED_KEYS = KEYS.filter((d) => d.group === 'Schedule').map((d) => d.key);

// A resolved preset with `changes` applied. It goes back through parse, so
// defaults that depend on a changed key (cyclic's min_lr on lr, step_size on
// steps) are derived again, while values the preset set explicitly stay;
// `drop` removes explicit keys first. Strict: a bad result throws PresetError.
export function withSettings(preset, changes, drop = []) {
  const base = toJSON(preset);
  for (const key of drop) delete base[key];
  return parse({ ...base, ...changes }, { strict: true }).preset;
}

// x to `digits` significant digits, as the number its shortest text reads
// back as (0.002227 → 0.0022): a rate a tool shows is the rate that ran.
export const roundTo = (x, digits) => Number(x.toPrecision(digits));

// A setting near 1 (b1, b2, momentum) with 1 - x to two significant
// digits, written in as few decimals: 0.99966, 0.973, 0.45.
export function roundNear1(x) {
  const d = roundTo(1 - x, 2);
  const r = d > 0 ? Number((1 - d).toFixed(Math.max(0, 1 - Math.floor(Math.log10(d))))) : 1;
  return r > 0 && r < 1 ? r : roundTo(x, 2);
}
