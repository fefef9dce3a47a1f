// tool-chart.js - what the learning-rate tools' modules (tool-find.js,
// tool-sweep.js, tool-tune.js, tool-edge.js) share: their workers (spawn,
// kill, ask), the scatter chart every tool plots on, with its dashed
// vertical marker (the edgeLine plugin), the card a chart sits in, and
// numbers in text (fmt).
import { OKABE_ITO } from './palette.js';
import { canonicalize } from './preset.js';
import { spawnWorker } from './spawn.js';
import { el } from './dom.js';
import { thinLogTicks, tickGrid, tickLabel } from './ticks.js';

import { Chart } from './chart.js';

// Every worker the tools start, while it lives; window.lrpToolWorkers
// reads the count (the browser test checks a cancel leaves none).
const live = new Set();
Object.defineProperty(window, 'lrpToolWorkers', { get: () => live.size, configurable: false });

export function spawn() {
  const w = spawnWorker();
  live.add(w);
  return w;
}
export function kill(w) {
  w.terminate();
  live.delete(w);
}

// One request to worker w: { [kind]: id, ...body } → a promise of the result.
let nextId = 1;
export function ask(w, kind, body) {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    const done = () => {
      w.removeEventListener('message', onMessage);
      w.removeEventListener('error', onError);
    };
    const onMessage = ({ data }) => {
      if (data.id !== id) return;
      done();
      if (data.error !== undefined) reject(new Error(data.error));
      else resolve(data.result);
    };
    const onError = (e) => {
      e.preventDefault();
      done();
      reject(new Error(e.message ?? 'the worker failed'));
    };
    w.addEventListener('message', onMessage);
    w.addEventListener('error', onError);
    w.postMessage({ [kind]: id, ...body });
  });
}

// The setting a tool's result answers for: the preset but its rate (the
// rate changes neither a sweep nor λmax at the start).
export const settingOf = (p) => canonicalize({ ...p, lr: 0.01 });

// Does a tool's result r (run on r.base; null: none) answer for preset p?
// The same setting but the rate and the settings `free` (tuning's searched
// ones, whose best a student loads).
export const answers = (r, p, free = []) =>
  r !== null && settingOf({ ...p, ...Object.fromEntries(free.map((k) => [k, r.base[k]])) }) === settingOf(r.base);

// A number in text: three significant digits, no float noise (the page's
// readable number).
import { brief as fmt } from './story.js';
export { fmt };

// A dashed vertical line at x = options.plugins.edge.value, labelled with
// options.plugins.edge.label (a Chart.js plugin); none where value is NaN.
const edgeLine = {
  id: 'edge',
  afterDatasetsDraw(chart, _args, opts) {
    const x = opts?.value;
    const { scales: { x: sx }, chartArea: a, ctx } = chart;
    if (!Number.isFinite(x) || x < sx.min || x > sx.max) return;
    const px = sx.getPixelForValue(x);
    ctx.save();
    ctx.strokeStyle = OKABE_ITO.vermillion;
    ctx.setLineDash([5, 4]);
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    ctx.moveTo(px, a.top);
    ctx.lineTo(px, a.bottom);
    ctx.stroke();
    ctx.font = '11px system-ui, sans-serif';
    const text = opts.label;
    const w = ctx.measureText(text).width;
    const right = px + 6 + w <= a.right;
    const tx = right ? px + 6 : Math.max(a.left + 2, px - 6 - w), ty = a.top + 30;
    ctx.fillStyle = 'rgba(255,255,255,.9)';
    ctx.fillRect(tx - 3, ty - 11, w + 6, 15);
    ctx.fillStyle = ctx.strokeStyle;
    ctx.fillText(text, tx, ty);
    ctx.restore();
  },
};

// Points { x, y, tip? } on log or linear axes, every tick labelled by
// ticks.js; onClick(point) for the point nearest a click along x.
export function scatter(canvas, { xTitle, yTitle, xLog = true, yLog = true, onClick = null }) {
  // a log axis labels what ticks.js picks to fit, so Chart.js skips none
  const axis = (log, title, ticks = {}) => ({ type: log ? 'logarithmic' : 'linear', title: { display: true, text: title },
    afterBuildTicks: thinLogTicks, ticks: { callback: tickLabel, autoSkip: !log, ...ticks }, grid: { color: tickGrid } });
  return new Chart(canvas, {
    type: 'scatter',
    data: { datasets: [] },
    plugins: [edgeLine],
    options: {
      animation: false,
      parsing: false,
      responsive: true,
      maintainAspectRatio: false,
      scales: { x: axis(xLog, xTitle, { maxRotation: 0 }), y: axis(yLog, yTitle) },
      plugins: {
        edge: { value: NaN, label: '' },
        legend: { display: true, labels: { usePointStyle: true, boxWidth: 8, boxHeight: 8, font: { size: 11 } } },
        tooltip: { callbacks: { label: (i) => `${i.dataset.label}: ${i.raw.tip ?? `lr ${fmt(i.raw.x)}, ${fmt(i.raw.y)}`}` } },
      },
      onClick: onClick && ((ev, _els, chart) => {
        const [hit] = chart.getElementsAtEventForMode(ev, 'nearest', { intersect: false, axis: 'x' }, false);
        if (hit) onClick(chart.data.datasets[hit.datasetIndex].data[hit.index]);
      }),
      onHover: onClick && ((ev, els) => { ev.native.target.style.cursor = els.length ? 'pointer' : 'crosshair'; }),
    },
  });
}

// A hidden card (#<id>-card) with a title and a chart's canvas (#<id>-chart).
export function card(title, id, label, extra = []) {
  return el('figure', { className: 'card tool-card', id: `${id}-card`, hidden: true },
    el('figcaption', {}, el('span', { className: 'title', textContent: title }), ...extra),
    el('div', { className: 'chart-box' }, el('canvas', { id: `${id}-chart`, role: 'img', ariaLabel: label })));
}
