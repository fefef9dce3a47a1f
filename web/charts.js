// charts.js - the line charts (Chart.js): loss per step and learning rate
// per step, on one step axis, with hover readouts of the exact values; a
// cursor at the playback's step (drawn on a layer of its own, so scrubbing
// never re-renders the chart), an ✕ where a run diverged, and notes (a
// lesson's annotations) drawn on the chart.
import { CURRENT } from './palette.js';
import { f32 } from './export.js';
import { short, thinLogTicks, tickGrid, tickLabel } from './ticks.js';
import { drawNote, drawCross } from './notes.js';
import { fitCanvas } from './plot.js';
import { atOrBefore } from './story.js';
import { Chart } from './chart.js';
import { signs, thinned } from './thin.js';

// The value of a series at step t: its last value at or before t (null
// past its end: a run that stopped early has none there).
function valueAt({ values, steps }, t) {
  if (!steps) return t < values.length ? values[t] : null;
  const k = atOrBefore(steps, t);
  return k < 0 ? null : values[k];
}

// Drawn after the datasets: the ✕ of each diverged run and the notes
// ({ t, y, text } in data units), kept inside the chart area.
const marks = {
  id: 'marks',
  afterDatasetsDraw(chart, _args, opts) {
    const { ctx, chartArea: a, scales: { x, y } } = chart;
    const px = (t, v) => [x.getPixelForValue(t), Math.min(a.bottom, Math.max(a.top, y.getPixelForValue(v)))];
    ctx.save();
    for (const c of opts.crosses ?? []) {
      if (c.t <= x.max) drawCross(ctx, ...px(c.t, c.y), c.colour);
    }
    const placed = [];
    chart.$notes = [];
    for (const n of opts.notes ?? []) {
      if (n.t > x.max || n.t < x.min) continue;
      chart.$notes.push({ text: n.text, ...drawNote(ctx, a, ...px(n.t, n.y), n.text, n.colour, placed) });
    }
    ctx.restore();
  },
};

function lineChart(canvas, { yTitle, format }) {
  return new Chart(canvas, {
    type: 'line',
    data: { datasets: [] },
    plugins: [marks],
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
        x: { type: 'linear', title: { display: true, text: 'step' }, ticks: { maxRotation: 0, sampleSize: 8, callback: tickLabel } },
        y: { type: 'linear', title: { display: true, text: yTitle }, afterBuildTicks: thinLogTicks, ticks: { callback: tickLabel }, grid: { color: tickGrid } },
      },
      plugins: {
        marks: { crosses: [], notes: [] },
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

// A run's ✕: where its loss (or lr) series stops, at its last finite value.
function crossOf(data, colour) {
  for (let i = data.length - 1; i >= 0; i--) if (data[i].y !== null) return { t: data[i].x, y: data[i].y, colour };
  return null;
}

// The canvas on white (charts draw on a transparent one) as a PNG data URL.
export function toPNG(canvas) {
  const out = Object.assign(document.createElement('canvas'), { width: canvas.width, height: canvas.height });
  const g = out.getContext('2d');
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, out.width, out.height);
  g.drawImage(canvas, 0, 0);
  return out.toDataURL('image/png');
}

// A line chart of runs: the current one (solid, CURRENT) and the pins
// (their colour and dash), each run's ✕ where it diverged, a cursor.
class RunChart {
  constructor(canvas, options) {
    this.chart = lineChart(canvas, options);
    this.layer = canvas.parentElement.querySelector('.cursor-layer');
    this.t = null;
  }

  clear() {
    this.chart.data.datasets = [];
    this.chart.options.plugins.marks = { crosses: [], notes: [] };
    this.chart.canvas.style.visibility = 'hidden';
    this.cursor(null);
  }

  // Points a series may keep: four per pixel of the chart's width.
  get room() {
    return 4 * Math.max(200, this.chart.width || 0);
  }

  // runs: [{ label, colour, dash, values, steps?, diverged }] (the first is
  // the current run); span: the x axis's end; notes: [{ t, y, text }];
  // zeroGap: a 0 is not drawn (a log axis). Each series is thinned once
  // (web/thin.js): a pin's points are the same array at every snapshot.
  draw(runs, { span, notes = [], extra = [], zeroGap = false }) {
    const sets = [], crosses = [];
    runs.forEach((r, i) => {
      const data = thinned(r.values, r.steps ?? null, this.room, zeroGap);
      const raw = { values: r.values, steps: r.steps };
      sets.push(dataset(r.label, data, r.colour, i ? { borderDash: r.dash, borderWidth: 1.6, raw } : { raw }));
      if (r.diverged) crosses.push(crossOf(data, r.colour));
    });
    sets.splice(1, 0, ...extra);
    const o = this.chart.options;
    o.scales.x.min = 0;
    o.scales.x.max = span;
    o.plugins.marks = { crosses: crosses.filter(Boolean), notes };
    // the same lines as before (a run streaming in): their data replaced in
    // place, so Chart.js keeps its datasets rather than building them anew
    const old = this.chart.data.datasets;
    const same = old.length === sets.length && old.every((d, i) => d.label === sets[i].label && d.borderColor === sets[i].borderColor);
    if (same) sets.forEach((d, i) => Object.assign(old[i], { data: d.data, raw: d.raw }));
    else this.chart.data.datasets = sets;
    if (this.chart.canvas.style.visibility) this.chart.canvas.style.visibility = '';
    this.chart.update('none');
    this.cursor(this.t);
    return sets;
  }

  // The notes as drawn: [{ text, x, y, w, h }] in CSS pixels of the canvas.
  get notes() {
    return this.chart.$notes ?? [];
  }

  // A vertical line at step t and a dot on every run there; null: none.
  cursor(t) {
    this.t = t;
    const layer = this.layer, chart = this.chart;
    if (!layer) return;
    const g = fitCanvas(layer, chart.width, chart.height);
    const { chartArea: a, scales: { x, y } } = chart;
    if (t === null || !a || t < x.min || t > x.max) return;
    const px = x.getPixelForValue(t);
    g.strokeStyle = 'rgba(27,31,36,.55)';
    g.lineWidth = 1;
    g.setLineDash([3, 3]);
    g.beginPath();
    g.moveTo(px, a.top);
    g.lineTo(px, a.bottom);
    g.stroke();
    g.setLineDash([]);
    for (const set of chart.data.datasets) {
      if (!set.raw) continue;
      const v = valueAt(set.raw, t);
      if (v === null || !Number.isFinite(v) || (v <= 0 && y.type === 'logarithmic')) continue;
      const py = y.getPixelForValue(v);
      if (py < a.top || py > a.bottom) continue;
      g.beginPath();
      g.arc(px, py, 4, 0, 2 * Math.PI);
      g.fillStyle = set.borderColor;
      g.fill();
      g.strokeStyle = '#fff';
      g.lineWidth = 1.5;
      g.stroke();
    }
  }
}

export class LossChart extends RunChart {
  constructor(canvas) {
    super(canvas, { yTitle: 'loss', format: (y) => f32(y) ?? 'not finite' });
  }

  // run: the current (maybe partial) run; pins as for RunChart.draw. The
  // held-out loss (a data problem's, when nothing is pinned) is the current
  // run's colour, dashed. A log axis stays log when a loss reaches exactly
  // 0 (that point is not drawn), not when one is negative. Returns the
  // scale: { log, zero (a 0 not drawn), negative (log asked, not possible) }.
  update(run, { log, span, label, pins = [], notes = [], diverged = false }) {
    const held = run.test_loss?.length && !pins.length ? run.test_loss : [];
    const runs = [{ label, colour: CURRENT, values: run.loss, diverged }, ...pins];
    const all = [...runs.map((r) => r.values), ...(held.length ? [held] : [])].map((v) => signs(v));
    const negative = all.some((s) => s.negative), zero = all.some((s) => s.zero);
    const useLog = log && !negative, zeroGap = useLog && zero;
    const extra = held.length ? [dataset('held-out loss', thinned(held, run.eval_step, this.room, zeroGap), CURRENT, { borderDash: [6, 3], borderWidth: 1.6, raw: { values: held, steps: run.eval_step } })] : [];
    const o = this.chart.options;
    o.scales.y.type = useLog ? 'logarithmic' : 'linear';
    o.scales.y.ticks.autoSkip = !useLog; // ticks.js picks the log labels that fit
    o.plugins.legend.display = extra.length > 0;
    this.draw(runs, { span, notes, extra, zeroGap });
    return { log: useLog, zero: zeroGap, negative: log && negative };
  }
}

export class LrChart extends RunChart {
  constructor(canvas) {
    super(canvas, { yTitle: 'learning rate', format: (y) => String(Number(y.toPrecision(6))) });
  }

  update(run, { span, label, pins = [], notes = [] }) {
    this.draw([{ label, colour: CURRENT, values: run.lr }, ...pins.map((p) => ({ ...p, diverged: false }))], { span, notes });
  }
}
