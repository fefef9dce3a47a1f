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
