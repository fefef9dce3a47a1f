// curves-panel.js - the loss and learning-rate charts of a run (maybe one
// still computing) with the pins, the notes and the playback's cursor. A
// rate that stays the same at every step, for this run and every pin, is
// said in a line instead of drawn as a flat chart. The charts come with
// Chart.js, after the page's first picture (web/later-load.js): until then
// the panel keeps the last drawing asked of it, and draws it then.
import { LossChart, LrChart } from './charts.js';
import { short } from './ticks.js';
import { lossAlt, rateAlt } from './story.js';
import { nextTask, setHidden, setText } from './dom.js';
import { flat } from './thin.js';

const $ = (id) => document.getElementById(id);
// A run streaming in is drawn at most once per STREAM_GAP times the time
// its last drawing took (a busy or slow machine draws its snapshots less
// often, never the page's input later).
const STREAM_GAP = 4;

export class CurvesPanel {
  // readOnly() → true in a figure: a click on the legend hides no curve;
  // load() → a promise, kept once Chart.js has come.
  constructor({ readOnly, load }) {
    this.loss = null;
    this.lrChart = null; // made when a rate first changes over a run
    this.asked = null; // the last drawing asked for, while Chart.js comes
    this.t = null;
    this.start = () => (this.ready ??= load().then(nextTask).then(() => this.made(readOnly)));
  }

  // Chart.js has come: the loss chart, and what was asked of it so far.
  made(readOnly) {
    for (const box of document.querySelectorAll('.chart-box.waiting')) box.classList.remove('waiting');
    this.loss = new LossChart($('loss-chart'));
    const legend = this.loss.chart.options.plugins.legend, toggle = legend.onClick;
    legend.onClick = function (...args) {
      if (!readOnly()) toggle.apply(this, args);
    };
    return nextTask().then(() => { // the chart's set-up is one task, its first drawing the next
      if (this.asked) this.draw(...this.asked);
      this.cursor(this.t);
    });
  }

  get lr() {
    return (this.lrChart ??= new LrChart($('lr-chart')));
  }

  // No curve of an earlier run: the charts go blank at once (hidden, not
  // re-laid out: that costs a frame) until the next draw.
  clear() {
    this.asked = null;
    this.drop();
    for (const c of [this.loss, this.lrChart]) c?.clear();
    $('loss-chart').setAttribute('aria-label', 'Loss per step: no run yet');
  }

  // run: the current (maybe partial) run; pins: PinsPanel; notes: { loss,
  // lr } lists; zoom: the last step shown (null: all of them).
  // What the charts show is said (their canvases' labels, the constant
  // rate's line) at once; the charts follow once Chart.js has come.
  draw(preset, run, { pins, notes = {}, zoom = null, t = null }) {
    this.drop();
    const others = pins.series(preset, (r) => r.loss);
    // the chart in words (its canvas's label), as it follows the run
    $('loss-chart').setAttribute('aria-label', lossAlt(run, { pins: others, heldOut: !others.length }));
    const constant = this.drawRate(preset, run, { pins, t });
    if (!this.loss) return void (this.asked = [preset, run, { pins, notes, zoom, t }]);
    const span = zoom ?? Math.max(preset.steps, ...pins.ready.map((p) => p.preset.steps)); // a pin still computing draws nothing yet
    const log = $('log-scale').checked;
    const diverged = run.diverged_at !== null && run.diverged_at !== undefined;
    this.loss.t = t;
    const scale = this.loss.update(run, { log, span, label: pins.currentLabel(preset, 'training loss'), pins: others, notes: notes.loss, diverged });
    setHidden($('log-note'), !scale.negative && !scale.zero);
    setText($('log-note'), scale.negative ? '(a loss is below 0: linear scale)' : '(a loss of exactly 0 is not drawn on a log scale)');
    setHidden($('zoom-note'), zoom === null);
    setText($('zoom-note'), zoom === null ? '' : `(steps 0 to ${zoom} shown)`);
    if (!constant) {
      this.lr.t = t;
      this.lr.update(run, { span, label: pins.currentLabel(preset, 'learning rate'), pins: pins.series(preset, (r) => r.lr), notes: notes.lr });
    }
  }

  // A snapshot of a run streaming in (draw's arguments): drawn in a task
  // of its own, once the last drawing's STREAM_GAP times is over; a newer
  // snapshot meanwhile replaces it, draw() and clear() drop it.
  stream(...args) {
    this.pending = args;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      const next = this.pending, t0 = performance.now();
      this.draw(...next);
      this.streamAt = performance.now() + STREAM_GAP * (performance.now() - t0);
    }, Math.max(0, (this.streamAt ?? 0) - performance.now()));
  }

  drop() {
    clearTimeout(this.timer);
    this.timer = 0;
    this.pending = null;
  }

  // The rate's line when it stays the same, else its chart's label; → constant.
  drawRate(preset, run, { pins, t }) {
    const others = pins.ready.map((p) => p.run.lr);
    const constant = run.lr.length > 0 && flat(run.lr) && others.every(flat);
    setHidden($('lr-box'), constant);
    setHidden($('lr-flat'), !constant);
    if (this.lrChart) this.lrChart.t = t;
    if (constant) {
      const rates = [...new Set([run.lr[0], ...others.map((lr) => lr[0]).filter((v) => v !== undefined)])].map((v) => short(v));
      setText($('lr-flat'), rates.length === 1 ? `${rates[0]} at every step (a constant schedule)`
        : `constant at every step: ${rates[0]} here, ${rates.slice(1).join(', ')} for the pins`);
    } else $('lr-chart').setAttribute('aria-label', rateAlt(run.lr));
    return constant;
  }

  cursor(t) {
    this.t = t;
    if (!this.loss) return;
    this.loss.cursor(t);
    if (!$('lr-box').hidden) this.lrChart?.cursor(t);
  }

  // The notes as drawn on each chart, for the tests.
  get notes() {
    return { loss: this.loss?.notes ?? [], lr: $('lr-box').hidden ? [] : this.lrChart?.notes ?? [] };
  }
}
