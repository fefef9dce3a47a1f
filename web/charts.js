// charts.js - the line charts (Chart.js, loaded as a classic script that
// defines window.Chart): loss per step and learning rate per step, on one
// step axis, with hover readouts of the exact values.
import { OKABE_ITO } from './contour.js';
import { f32 } from './export.js';
import { thinLogTicks, tickGrid, tickLabel } from './ticks.js';

import { Chart } from './chart.js';

// {x, y} points; non-finite values become gaps (null), never a broken scale.
export function series(values, steps = null) {
  return Array.from(values, (v, i) => ({ x: steps ? steps[i] : i, y: Number.isFinite(v) ? v : null }));
}

function lineChart(canvas, { yTitle, format }) {
  return new Chart(canvas, {
    type: 'line',
    data: { datasets: [] },
    options: {
      animation: false,
      parsing: false,
      normalized: true,
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'nearest', axis: 'x', intersect: false },
      elements: { point: { radius: 0, hitRadius: 4 }, line: { borderWidth: 2 } },
      scales: {
        // sampleSize: measure a few tick labels, not all; not on y, where a
        // log axis labels a few of dozens of ticks and a sample of them would
        // miss the widest label (Chart.js measures each distinct text once)
        x: { type: 'linear', title: { display: true, text: 'step' }, ticks: { maxRotation: 0, sampleSize: 8 } },
        y: { type: 'linear', title: { display: true, text: yTitle }, afterBuildTicks: thinLogTicks, ticks: { callback: tickLabel }, grid: { color: tickGrid } },
      },
      plugins: {
        decimation: { enabled: true, algorithm: 'min-max' },
        legend: { display: false, labels: { boxHeight: 2 } },
        tooltip: {
          callbacks: {
            title: (items) => `step ${items[0].parsed.x}`,
            label: (item) => `${item.dataset.label}: ${format(item.parsed.y)}`,
          },
        },
      },
    },
  });
}

const dataset = (label, data, colour, extra = {}) => ({
  label, data, borderColor: colour, backgroundColor: colour, indexAxis: 'x', ...extra,
});

// Pinned runs (web/compare.js) as extra, dashed lines: [{ label, colour,
// dash, values }].
const overlays = (pins) => pins.map(({ label, colour, dash, values }) =>
  dataset(label, series(values), colour, { borderDash: dash, borderWidth: 1.6 }));

// The longest x axis among the runs shown.
const span = (steps, pins) => Math.max(steps, ...pins.map((p) => p.steps));

// The canvas on white (charts draw on a transparent one) as a PNG data URL.
export function toPNG(canvas) {
  const out = Object.assign(document.createElement('canvas'), { width: canvas.width, height: canvas.height });
  const g = out.getContext('2d');
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, out.width, out.height);
  g.drawImage(canvas, 0, 0);
  return out.toDataURL('image/png');
}

export class LossChart {
  constructor(canvas) {
    this.chart = lineChart(canvas, { yTitle: 'loss', format: (y) => f32(y) ?? 'not finite' });
    this.log = true;
  }

  // The x axis always spans the preset's steps, so a diverged run visibly
  // ends early. Returns false when log was asked for but a loss is <= 0.
  // pins: [{ label, colour, dash, steps, values: loss }].
  update(run, log, steps, pins = [], label = 'training loss') {
    const train = series(run.loss);
    const sets = [dataset(label, train, OKABE_ITO.blue)];
    if (run.test_loss?.length && !pins.length) {
      sets.push(dataset('held-out loss', series(run.test_loss, run.eval_step), OKABE_ITO.orange, { borderDash: [6, 3] }));
    }
    sets.push(...overlays(pins));
    const positive = sets.every((s) => s.data.every((p) => p.y === null || p.y > 0));
    const useLog = log && positive;
    const o = this.chart.options;
    o.scales.y.type = useLog ? 'logarithmic' : 'linear';
    o.scales.y.ticks.autoSkip = !useLog; // ticks.js picks the log labels that fit
    o.scales.x.max = span(steps, pins);
    o.scales.x.min = 0;
    o.plugins.legend.display = sets.length > 1 && !pins.length;
    this.chart.data.datasets = sets;
    this.chart.update('none');
    return useLog || !log;
  }
}

export class LrChart {
  constructor(canvas) {
    this.chart = lineChart(canvas, { yTitle: 'learning rate', format: (y) => String(y) });
  }

  // pins: [{ label, colour, dash, steps, values: lr }].
  update(run, steps, pins = [], label = 'learning rate') {
    this.chart.options.scales.x.min = 0;
    this.chart.options.scales.x.max = span(steps, pins);
    this.chart.data.datasets = [dataset(label, series(run.lr), pins.length ? OKABE_ITO.blue : OKABE_ITO.green), ...overlays(pins)];
    this.chart.update('none');
  }
}
