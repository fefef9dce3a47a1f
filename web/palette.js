// palette.js - the page's colours. Okabe and Ito's palette (colour-blind
// safe); the current run is vermillion in every chart, legend and path (no
// other colour on the page is close to it, and it stands out on the
// contours' viridis); each pin takes its own colour and its own dash, so
// that no picture relies on colour alone.
export const OKABE_ITO = {
  orange: '#E69F00', sky: '#56B4E9', green: '#009E73', yellow: '#F0E442',
  blue: '#0072B2', vermillion: '#D55E00', purple: '#CC79A7', black: '#000000',
};

export const CURRENT = OKABE_ITO.vermillion;

// Sky and orange darkened for lines on white, to 3:1 and more (WCAG 2.1's
// contrast for graphics; as they are, 2.3:1 and 2.25:1), hue kept.
export const ON_WHITE = Object.freeze({ sky: '#4192C4', orange: '#B07A00' });

// One style per pin slot: far from vermillion and from each other.
export const PIN_STYLES = Object.freeze([
  { colour: OKABE_ITO.blue, dash: [7, 3] },
  { colour: OKABE_ITO.black, dash: [2, 3] },
  { colour: ON_WHITE.sky, dash: [10, 3, 2, 3] },
  { colour: OKABE_ITO.purple, dash: [4, 4] },
  { colour: OKABE_ITO.green, dash: [1, 4] },
]);

// '#rrggbb' as [r, g, b]; a colour t of the way from a to b, as [r, g, b].
export const hex = (h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
export function mix(a, b, t) {
  const [x, y] = [hex(a), hex(b)];
  return x.map((v, i) => Math.round(v + (y[i] - v) * t));
}

// Viridis (sequential, colour-blind safe), low to high.
export const VIRIDIS = ['#440154', '#482878', '#3e4989', '#31688e', '#26828e', '#1f9e89', '#35b779', '#6ece58', '#b5de2b', '#fde725'];

// Two classes: the map shades from pale blue (class 0) through white to
// pale orange (class 1) with the probability of class 1.
export const TINT0 = '#8fc3e6', TINT1 = '#f3c56b';

// More than two classes: one style per class, Okabe and Ito's eight in an
// order that keeps the first four far apart in hue (blue, vermillion,
// green, purple; sky and orange share hues with blue and vermillion, so
// they come late). Class 0 and 1 keep the two-class map's blue circles and
// vermillion squares (the map has no run drawn on it, so vermillion means
// no run there). colour: the points, 3:1 and more on white (purple, sky
// and orange darkened, hue kept); line: their outline (yellow's own is
// too pale on white); tint: the shade of the class's region where the
// model is sure, pale enough for the points to show on it. shape: each
// class its own, so that colour is never the only cue (web/decision.js).
export const CLASS_STYLES = Object.freeze([
  { name: 'blue', colour: OKABE_ITO.blue, line: OKABE_ITO.blue, tint: TINT0, shape: 'circle' },
  { name: 'vermillion', colour: OKABE_ITO.vermillion, line: OKABE_ITO.vermillion, tint: '#eebf99', shape: 'square' },
  { name: 'green', colour: OKABE_ITO.green, line: OKABE_ITO.green, tint: '#99d8c7', shape: 'triangle' },
  { name: 'purple', colour: '#B8608F', line: '#B8608F', tint: '#e6bcd3', shape: 'diamond' },
  { name: 'yellow', colour: OKABE_ITO.yellow, line: '#8A7E00', tint: '#f6ee8e', shape: 'plus' },
  { name: 'sky blue', colour: ON_WHITE.sky, line: ON_WHITE.sky, tint: '#abdaf4', shape: 'cross' },
  { name: 'orange', colour: ON_WHITE.orange, line: ON_WHITE.orange, tint: '#f3cf80', shape: 'star' },
  { name: 'black', colour: OKABE_ITO.black, line: OKABE_ITO.black, tint: '#c4c4c4', shape: 'triangle-down' },
].map(Object.freeze));

const WHITE = '#ffffff';

// The map's shade [r, g, b] of one prediction v of a model over k classes.
// k = 2: v is the probability of class 1. k > 2: v = 2c + p, c the class
// predicted, p its probability (1/k .. 1): white at p = 1/k (no better
// than a guess), the class's tint at p = 1. Not finite: white.
export function classShade(v, k) {
  if (k === 2) return v < 0.5 ? mix(TINT0, WHITE, Math.max(0, v) * 2) : mix(WHITE, TINT1, Math.min(1, v) * 2 - 1);
  if (!Number.isFinite(v)) return hex(WHITE);
  const c = Math.min(k - 1, Math.max(0, Math.floor(v / 2))), p = v - 2 * c;
  return mix(WHITE, CLASS_STYLES[c].tint, Math.min(1, Math.max(0, (p - 1 / k) / (1 - 1 / k))));
}
