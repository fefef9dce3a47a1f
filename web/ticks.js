// ticks.js - numbers on axes and in text without float noise, and log axes
// that label at least two ticks whatever their span. Pure: Node tests it.

// Short and exact enough: at most `digits` significant digits (4 unless
// told), 0.7000000000000001 as 0.7, 1e+13 as 1e13, 2.5e-5 as 2.5e-5.
// digits <= 15 keeps float noise out: every 15-digit decimal survives a
// round trip through a double.
export function short(v, digits = 4) {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const r = Number(v.toPrecision(digits)), a = Math.abs(r);
  return a >= 1e5 || a < 1e-3 ? r.toExponential().replace('e+', 'e') : String(r);
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
// least three show, else 1, 2 and 5 times them when two of those show, else
// every tick (a span of less than a decade, or about one).
export function logLabelled(values) {
  for (const [keep, least] of [[[1], 3], [[1, 2, 5], 2]]) {
    const chosen = values.filter((v) => keep.includes(mantissa(v)));
    if (chosen.length >= least) return new Set(chosen);
  }
  return new Set(values);
}

// The fewest significant digits (4 at least, 15 at most) that give every
// value its own label: ticks 0.012341, 0.012342 must not both read 0.01234.
export function distinctDigits(values) {
  for (let d = 4; d < 15; d++) {
    if (new Set(values.map((v) => short(v, d))).size === new Set(values).size) return d;
  }
  return 15;
}

// One labelling per tick array: Chart.js asks for every tick's label in
// turn, with the same array.
const plans = new WeakMap();
function plan(ticks, log) {
  let p = plans.get(ticks);
  if (!p) {
    const values = ticks.map((t) => t.value);
    const shown = log ? logLabelled(values) : new Set(values);
    p = { shown, digits: distinctDigits([...shown]) };
    plans.set(ticks, p);
  }
  return p;
}

// A Chart.js tick callback (this = the scale): short numbers, as many
// digits as tell the labelled ticks apart; on a log scale only the ticks
// logLabelled picks.
export function tickLabel(value, index, ticks) {
  const { shown, digits } = plan(ticks, this?.type === 'logarithmic');
  return shown.has(ticks[index].value) ? short(Number(value), digits) : '';
}
