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

// Which of a log axis's tick values to label, at most `room` of them
// (>= 2) and never fewer than two: the powers of ten when at least three
// show (every 2nd, 3rd, 5th, 10th ... decade when they do not fit), else 1,
// 2 and 5 times them when two of those show and fit, else the powers of
// ten when two show, else the roundest ticks evenly spread (a span of
// less than a decade).
export function logLabelled(values, room = Infinity) {
  const fit = Math.max(2, room);
  const powers = values.filter((v) => mantissa(v) === 1);
  if (powers.length >= 3) return new Set(everyKthDecade(powers, fit));
  const nice = values.filter((v) => [1, 2, 5].includes(mantissa(v)));
  if (nice.length >= 2 && nice.length <= fit) return new Set(nice);
  if (powers.length >= 2) return new Set(powers);
  return new Set(spreadOver(nice.length >= 2 ? nice : roundest(values), fit));
}

// The values with the fewest significant digits, at least two of them:
// 0.65, 0.66 ... 0.69 of 0.649, 0.65, 0.655, 0.66 ... 0.69.
function roundest(values) {
  for (let d = 1; d < 15; d++) {
    const round = values.filter((v) => Math.abs(Number(v.toPrecision(d)) - v) <= 1e-12 * Math.abs(v));
    if (round.length >= 2) return round;
  }
  return values;
}

// The powers of ten 10^(j k) for the smallest step k of 1, 2, 3, 5, 10,
// 20 ... that leaves at most `fit` of them; evenly spread powers where
// such a step would leave fewer than two.
const DECADE_STEPS = [2, 3, 5, 10, 20, 30, 50, 100];
function everyKthDecade(powers, fit) {
  if (powers.length <= fit) return powers;
  for (const k of DECADE_STEPS) {
    const aligned = powers.filter((v) => Math.round(Math.log10(v)) % k === 0);
    if (aligned.length < 2) break;
    if (aligned.length <= fit) return aligned;
  }
  return spreadOver(powers, fit);
}

// At most `fit` of values, evenly spread, the first always among them.
function spreadOver(values, fit) {
  const step = Math.max(1, Math.ceil(values.length / fit));
  return values.filter((_, i) => i % step === 0);
}

// The fewest significant digits (4 at least, 15 at most) that give every
// value its own label: ticks 0.012341, 0.012342 must not both read 0.01234.
export function distinctDigits(values) {
  for (let d = 4; d < 15; d++) {
    if (new Set(values.map((v) => short(v, d))).size === new Set(values).size) return d;
  }
  return 15;
}

// How many labels fit along a scale: a label about 44 px wide across, 24
// px high up; every label when the scale has no size yet.
function room(scale) {
  const across = scale?.isHorizontal?.() ?? false;
  const length = across ? scale?.width : scale?.height;
  return length > 0 ? Math.floor(length / (across ? 44 : 24)) : Infinity;
}

// One labelling per tick array: Chart.js asks for every tick's label in
// turn, with the same array.
const plans = new WeakMap();
function plan(ticks, scale) {
  let p = plans.get(ticks);
  if (!p) {
    const values = ticks.map((t) => t.value);
    const shown = scale?.type === 'logarithmic' ? logLabelled(values, room(scale)) : new Set(values);
    // a linear axis of whole numbers (steps) reads 90000, 100000, never
    // 90000, 1e5; exponents are for other axes
    const whole = scale?.type !== 'logarithmic' && values.every((v) => Number.isInteger(v) && Math.abs(v) < 1e7);
    p = { shown, digits: distinctDigits([...shown]), whole };
    plans.set(ticks, p);
  }
  return p;
}

// A Chart.js tick callback (this = the scale): short numbers, as many
// digits as tell the labelled ticks apart; on a log scale only the ticks
// logLabelled picks, as many as fit (set the scale's ticks.autoSkip to
// false: Chart.js's own skipping would drop some of those).
export function tickLabel(value, index, ticks) {
  const { shown, digits, whole } = plan(ticks, this);
  if (!shown.has(ticks[index].value)) return '';
  return whole ? String(Number(value)) : short(Number(value), digits);
}

// A Chart.js afterBuildTicks hook for a scale that may be logarithmic:
// where its 2 .. 9 ticks would stand under 5 px apart, only the powers of
// ten stay (when two or more show): fewer grid lines to draw, and labels
// that tickLabel picks from them as it would from all.
export function thinLogTicks(scale) {
  if (scale.type !== 'logarithmic') return;
  const length = scale.isHorizontal() ? scale.width : scale.height;
  if (!(length / scale.ticks.length < 5)) return;
  const powers = scale.ticks.filter((t) => mantissa(t.value) === 1);
  if (powers.length >= 2) scale.ticks = powers;
}

// A Chart.js grid colour (scriptable) to go with tickLabel: Chart.js's own
// grey where a tick is labelled, a faint one where it is not (the 2 .. 9
// between the labelled decades of a log axis).
export const tickGrid = ({ tick }) => (tick?.label === '' ? 'rgba(0,0,0,0.035)' : 'rgba(0,0,0,0.1)');

// The first round number at or above x, on a step of about a quarter of
// `range` (1, 2 or 5 times a power of ten would be finer; a power of ten is
// enough for an axis's end): niceCeil(10.4, 6) = 11.
export function niceCeil(x, range) {
  const step = 10 ** Math.floor(Math.log10((range || Math.abs(x) || 1) / 4));
  return Number((Math.ceil(x / step - 1e-9) * step).toPrecision(12)); // no float noise in the label
}
