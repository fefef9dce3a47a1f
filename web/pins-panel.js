// pins-panel.js - the pinned runs beside the current one: pinning (a
// surface runs at once, a data problem in the worker), unpinning, the
// legend, and the pins' series for the charts. compare.js names them.
import { SURFACES } from './preset.js';
import { Pins, compareLabels, lrVariants, renderLegend } from './compare.js';

export class PinsPanel {
  // core: the page's core; runner(): the worker's Runner; changed(): called
  // when a pin's run arrives or a pin goes; current() → { preset, run }
  // on screen, for the buttons Pin, Compare lr ÷10 · ×10 and Unpin all.
  constructor(legend, { core, runner, changed, current }) {
    this.pins = new Pins();
    this.legend = legend;
    this.core = core;
    this.runner = runner;
    this.changed = changed;
    const $ = (id) => document.getElementById(id);
    $('pin').addEventListener('click', () => {
      if (current().run) this.add(current().preset, current().run);
      changed();
    });
    $('pin-lr').addEventListener('click', () => {
      this.clear();
      for (const p of lrVariants(current().preset)) this.add(p);
      changed();
    });
    $('unpin-all').addEventListener('click', () => {
      this.clear();
      changed();
    });
  }

  get list() {
    return this.pins.list;
  }

  get ready() {
    return this.pins.ready;
  }

  // Pins a preset; `run` when it is a finished run of it already.
  add(preset, run = null) {
    const p = this.pins.add(preset, run);
    if (!p || p.run) return;
    if (SURFACES.includes(preset.problem)) {
      p.run = this.core.run(preset);
      return;
    }
    p.request = this.runner().run(preset);
    p.request.promise.then((r) => {
      p.run = r;
      this.changed();
    }, () => {
      this.pins.remove(p); // stopped or failed: nothing to show
      this.changed();
    });
  }

  remove(p) {
    if (p.request && !p.run) this.runner().cancel(p.request.id);
    this.pins.remove(p);
  }

  clear() {
    for (const p of [...this.pins.list]) this.remove(p);
  }

  // The legend under the charts, with an Unpin button per pin.
  render(preset, run) {
    renderLegend(this.legend, preset, this.pins, (p) => {
      this.remove(p);
      this.changed();
    }, run);
    document.getElementById('unpin-all').hidden = this.pins.list.length === 0;
  }

  // The finished pins as chart series: [{ label, colour, dash, values,
  // steps, diverged }], values(run) picking the series (loss, lr).
  series(preset, values) {
    const names = compareLabels(preset, this.pins);
    return this.pins.ready.map((p) => ({
      label: names.pin(p), colour: p.style.colour, dash: p.style.dash, steps: null,
      values: values(p.run), diverged: p.run.diverged_at !== null,
    }));
  }

  // The current run's label on the charts.
  currentLabel(preset, alone) {
    return this.pins.list.length ? compareLabels(preset, this.pins).current : alone;
  }
}
