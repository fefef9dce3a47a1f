// pins-panel.js - the pinned runs beside the current one: pinning (a
// surface runs at once, a data problem in the worker, after the current
// run), unpinning, the legend, and the pins' series for the charts.
// compare.js names them. A data pin shows what it does until its run is
// there (web/pin-status.js): queued with its projected time, computing with
// a bar and the time left, and a Stop; stopped, it stays in the link with a
// Resume (a reload computes it again too), and a notice says so. A line
// above the charts sums up the pins that compute, with Stop pins, so that a
// spinning core is never out of sight nor out of reach (in an embedded
// figure too, where Unpin is hidden).
import { SURFACES } from './preset.js';
import { Pins, compareLabels, lrVariants, renderLegend } from './compare.js';
import { Stopped } from './runner.js';
import { pinStatus, pinsLine, stoppedNotice } from './pin-status.js';
import { el, setHidden, setText } from './dom.js';

const busy = (p) => p.state === 'queued' || p.state === 'computing';

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
    this.current = current;
    this.rows = new Map(); // pin → { text, bar, stop } on the legend while it computes
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
    this.lineText = el('span', { id: 'pins-busy-text' });
    const stopAll = el('button', { type: 'button', id: 'pins-stop' }, 'Stop pins');
    stopAll.addEventListener('click', () => this.stop(this.pins.list.filter(busy)));
    this.line = el('div', { id: 'pins-busy', className: 'pins-busy', hidden: true }, this.lineText, ' ', stopAll);
    this.notice = el('p', { id: 'pins-note', className: 'pins-note', role: 'status', hidden: true });
    $('run-note').after(this.line, this.notice);
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
    if (SURFACES.includes(preset.problem)) p.run = this.core.run(preset);
    else this.compute(p);
  }

  // A data pin into the worker's queue, after the current run.
  compute(p) {
    Object.assign(p, { state: 'queued', progress: null, error: null });
    const request = this.runner().run(p.preset, { onProgress: (g) => this.progress(p, g), snapshots: false });
    p.request = request;
    request.promise.then((r) => {
      if (p.request !== request) return;
      Object.assign(p, { run: r, state: null });
      this.changed();
    }, (e) => {
      if (p.request !== request || !this.pins.list.includes(p)) return;
      Object.assign(p, { state: e instanceof Stopped ? 'stopped' : 'failed', error: e.message });
      this.refresh();
    });
  }

  // Its progress: the rows and the line above the charts, in place (a
  // queued pin's time too: the pace has been measured meanwhile).
  progress(p, g) {
    const started = p.state === 'queued';
    Object.assign(p, { state: 'computing', progress: g });
    if (started) return this.refresh();
    const pace = this.runner().pace;
    for (const [q, row] of this.rows) {
      const s = pinStatus(q, this.place(q), pace);
      setText(row.text, s.text);
      if (s.bar !== null) row.bar.value = s.bar;
    }
    this.sumUp();
  }

  place(p) {
    return this.pins.list.indexOf(p) + 1;
  }

  // Stops pins that compute or wait: they stay, and the notice says so.
  stop(list) {
    if (!list.length) return;
    for (const p of list) this.runner().stop(p.request.id); // each settles as stopped
    this.say(stoppedNotice(list.map((p) => this.place(p))));
  }

  resume(p) {
    this.say('');
    this.compute(p);
    this.refresh();
  }

  say(text) {
    setText(this.notice, text);
    setHidden(this.notice, !text);
  }

  remove(p) {
    if (p.request && !p.run) this.runner().cancel(p.request.id);
    p.request = null;
    this.pins.remove(p);
  }

  clear() {
    for (const p of [...this.pins.list]) this.remove(p);
    this.say('');
  }

  refresh() {
    const { preset, run } = this.current();
    if (preset) this.render(preset, run);
  }

  // The legend under the charts, with an Unpin button per pin and what a
  // pin without its run does; the line above the charts.
  render(preset, run) {
    const focused = document.activeElement;
    const had = [...this.rows].find(([, r]) => r.stop === focused)?.[0];
    this.rows.clear();
    renderLegend(this.legend, preset, this.pins, { onUnpin: (p) => {
      this.remove(p);
      this.changed();
    }, status: (p) => this.status(p) }, run);
    document.getElementById('unpin-all').hidden = this.pins.list.length === 0;
    this.sumUp();
    if (had) this.rows.get(had)?.stop.focus(); // Stop became Resume: the focus stays on the pin
  }

  // A pin's row without its run: its state in words, a bar while it
  // computes, Stop or Resume.
  status(p) {
    const s = pinStatus(p, this.place(p), this.runner().pace);
    if (!s) return [];
    const k = this.place(p), on = busy(p);
    const text = el('span', { className: 'pin-state' }, s.text);
    const bar = el('progress', { className: 'pin-bar', max: 1, value: s.bar ?? 0, hidden: p.state !== 'computing' });
    bar.setAttribute('aria-label', `Progress of pin ${k}`);
    const stop = el('button', { type: 'button', className: 'pin-stop' }, on ? 'Stop' : 'Resume');
    stop.setAttribute('aria-label', `${on ? 'Stop' : 'Resume'} pin ${k}`);
    stop.addEventListener('click', () => (busy(p) ? this.stop([p]) : this.resume(p)));
    this.rows.set(p, { text, bar, stop });
    return [el('span', { className: 'pin-status' }, bar, text, stop)];
  }

  // The line above the charts: the pins that compute or wait.
  sumUp() {
    const list = this.pins.list.filter(busy);
    setHidden(this.line, list.length === 0);
    if (!list.length) return setText(this.lineText, ''); // (and no worker started for nothing)
    const pace = this.runner().pace;
    setText(this.lineText, pinsLine(list.map((p) => pinStatus(p, this.place(p), pace))));
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
