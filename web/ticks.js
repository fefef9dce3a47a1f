// ticks.js - numbers on axes and in text without float noise, and log axes
// that label at least two ticks whatever their span. Pure: Node tests it.

// Short and exact enough: 1e+10 as 1e10, 0.7000000000000001 as 0.7.
export function short(v) {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const a = Math.abs(v);
  return a >= 1e5 || a < 1e-3 ? v.toExponential(a >= 1e5 ? 0 : 1).replace('.0e', 'e').replace('e+', 'e') : String(Number(v.toPrecision(4)));
}

// The leading digit of a positive v when v is d * 10^k for an integer d
// (1 .. 9), else 0.
export function mantissa(v) {
  if (!(v > 0)) return 0;
  const k = Math.floor(Math.log10(v) + 1e-9), d = v / 10 ** k;
  const r = Math.round(d);
  return Math.abs(d - r) < 1e-6 * r && r >= 1 && r <= 9 ? r : 0;
}

// Which of a log axis's tick values to label: the powers of ten when at
// least two show, else 1, 2 and 5 times them when two of those show, else
// every tick (a span of less than a decade).
export function logLabelled(values) {
  for (const keep of [[1], [1, 2, 5]]) {
    const chosen = values.filter((v) => keep.includes(mantissa(v)));
    if (chosen.length >= 2) return new Set(chosen);
  }
  return new Set(values);
}

// A Chart.js tick callback (this = the scale): short numbers; on a log
// scale only the ticks logLabelled picks.
export function tickLabel(value, index, ticks) {
  const v = Number(value);
  if (this?.type !== 'logarithmic') return short(v);
  return logLabelled(ticks.map((t) => t.value)).has(ticks[index].value) ? short(v) : '';
}
