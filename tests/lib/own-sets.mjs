// Own data sets for the tests, as CSV text: deterministic (a small LCG, no
// Math.random), each exercising a part of web/csv.js and the core's scaling.
import { parseCsv } from '../../web/csv.js';
import { remember } from '../../web/own-data.js';

function rng(seed) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

// Three named classes in columns that need scaling (one far outside
// [-2, 2], one spanning under 0.5): a BOM, a header and CRLF line ends.
export function irisLike(rows = 90, seed = 1) {
  const r = rng(seed), names = ['setosa', 'versicolor', 'virginica'];
  const lines = ['sepal_length,sepal_width,species'];
  for (let i = 0; i < rows; i++) lines.push(`${(45 + 12 * (i % 3) + 10 * r()).toFixed(1)},${(0.3 + 0.2 * r()).toFixed(3)},${names[i % 3]}`);
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

// A regression with ';' between values: x kept, the target far outside [-2, 2].
export function line(rows = 60, seed = 2) {
  const r = rng(seed), lines = ['x;y'];
  for (let i = 0; i < rows; i++) lines.push(`${(i / 20 - 1.5).toFixed(3)};${(300 + 40 * i + 5 * r()).toFixed(2)}`);
  return lines.join('\n') + '\n';
}

// No header, integer labels 0..classes-1, columns within [-2, 2].
export function clusters(rows = 2400, seed = 3, classes = 4) {
  const r = rng(seed), lines = [];
  for (let i = 0; i < rows; i++) {
    const c = i % classes, a = (2 * Math.PI * c) / classes;
    lines.push(`${(Math.cos(a) + 0.8 * r() - 0.4).toFixed(4)},${(Math.sin(a) + 0.8 * r() - 0.4).toFixed(4)},${c}`);
  }
  return lines.join('\n') + '\n';
}

// The preset text of a CSV's data (points=..., remembered in this process).
export function ownPoints(text) {
  const data = parseCsv(text);
  if (!data.ok) throw new Error(data.error);
  return remember(data);
}
