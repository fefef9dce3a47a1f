// playback.js - play, pause and step through a finished run: a scrubber
// over its steps and buttons; at step t every picture shows t (the page's
// onStep(t) redraws them; t null: the whole run). Space plays and pauses,
// the arrow keys step (anywhere on the page but in a form field), Home and
// End jump. A whole run plays in about PLAY_SECONDS whatever its length.
import { el } from './dom.js';

const PLAY_SECONDS = 4;
// The buttons' icons: SVG paths on a 16 x 16 grid (no font has them all).
const ICONS = {
  start: 'M2 3h2v10H2z M9 3 4 8l5 5z M15 3l-5 5 5 5z', back: 'M13 3 6 8l7 5z M3 3h2v10H3z',
  play: 'M4 2.5l10 5.5-10 5.5z', pause: 'M3.5 3h3v10h-3z M9.5 3h3v10h-3z',
  forward: 'M3 3l7 5-7 5z M11 3h2v10h-2z', end: 'M12 3h2v10h-2z M7 3l5 5-5 5z M1 3l5 5-5 5z',
};
function icon(name) {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
  path.setAttribute('d', ICONS[name]);
  svg.append(path);
  return svg;
}
const reduced = () => window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
// Keys belong to the focused control when it takes them itself.
const typing = (t) => t instanceof Element && (t.matches('input:not([type=range]), select, textarea, [contenteditable]') ||
  (t.matches('input[type=range]') && t.id !== 'scrubber'));

export class Playback {
  // onStep(t, { playing }) after every change of t; describe(t) → the
  // readout's text for step t.
  constructor(root, { onStep, describe }) {
    this.onStep = onStep;
    this.describe = describe;
    this.last = 0; // the run's last step
    this.t = null;
    this.timer = 0;
    const button = (id, name, label) => {
      const b = el('button', { type: 'button', id, title: label }, icon(name));
      b.setAttribute('aria-label', label.replace(/ \(.*\)$/, ''));
      return b;
    };
    this.startBtn = button('play-start', 'start', 'To the first step (Home)');
    this.backBtn = button('play-back', 'back', 'One step back (←)');
    this.playBtn = button('play', 'play', 'Play (space)');
    this.fwdBtn = button('play-forward', 'forward', 'One step forward (→)');
    this.endBtn = button('play-end', 'end', 'To the last step (End)');
    this.scrubber = el('input', { type: 'range', id: 'scrubber', min: '0', max: '0', step: '1', value: '0' });
    this.scrubber.setAttribute('aria-label', 'Step shown');
    this.readout = el('span', { className: 'play-readout', id: 'play-readout' });
    root.append(this.startBtn, this.backBtn, this.playBtn, this.fwdBtn, this.endBtn, this.scrubber, this.readout);
    this.wire();
    this.enable(false, '');
  }

  wire() {
    this.startBtn.addEventListener('click', () => this.go(0));
    this.backBtn.addEventListener('click', () => this.go(this.at - 1));
    this.fwdBtn.addEventListener('click', () => this.go(this.at + 1));
    this.endBtn.addEventListener('click', () => this.go(this.last));
    this.playBtn.addEventListener('click', () => this.toggle());
    this.scrubber.addEventListener('input', () => this.go(Number(this.scrubber.value)));
    document.addEventListener('keydown', (e) => this.key(e));
  }

  key(e) {
    if (this.scrubber.disabled || e.altKey || e.ctrlKey || e.metaKey || typing(e.target)) return;
    const onButton = e.target instanceof Element && e.target.matches('button, a, summary');
    const steps = { ArrowLeft: -1, ArrowRight: 1, ArrowDown: -1, ArrowUp: 1 };
    if (e.key === ' ' && (!onButton || e.target === this.scrubber)) this.toggle();
    else if (e.key in steps && (!onButton || e.target.closest('#playback'))) this.go(this.at + steps[e.key]);
    else if (e.key === 'Home' && e.target === this.scrubber) this.go(0);
    else if (e.key === 'End' && e.target === this.scrubber) this.go(this.last);
    else return;
    e.preventDefault();
  }

  // The step shown, as a number.
  get at() {
    return this.t === null ? this.last : this.t;
  }

  get playing() {
    return this.timer !== 0;
  }

  enable(on, text) {
    for (const c of [this.startBtn, this.backBtn, this.playBtn, this.fwdBtn, this.endBtn, this.scrubber]) c.disabled = !on;
    if (!on) this.stop();
    this.readout.textContent = text;
  }

  // A finished run of `last` steps; t: the step to show (clamped; null: all).
  load(last, t = null) {
    this.stop();
    this.last = last;
    this.scrubber.max = String(last);
    this.enable(last > 0, '');
    this.show(t === null || t >= last ? null : Math.max(0, t));
  }

  // Shows step t (clamped), pausing a play unless it comes from it.
  go(t, { fromPlay = false } = {}) {
    if (!fromPlay) this.stop(); // show() below redraws and writes the link
    const k = Math.max(0, Math.min(this.last, Math.round(t)));
    this.show(k >= this.last ? null : k);
  }

  show(t) {
    this.t = t;
    this.scrubber.value = String(this.at);
    this.scrubber.setAttribute('aria-valuetext', `step ${this.at} of ${this.last}`);
    this.readout.textContent = this.describe(this.at);
    this.onStep(t, { playing: this.playing });
  }

  toggle() {
    if (this.playing) this.pause();
    else this.play();
  }

  // Plays from the step shown (from the start when at the end).
  play() {
    if (this.scrubber.disabled || this.playing) return;
    const from = this.t === null ? 0 : this.t, rate = Math.max(20, this.last / PLAY_SECONDS);
    const t0 = performance.now();
    const frame = (now) => {
      const t = from + ((now - t0) / 1000) * rate;
      if (t >= this.last) {
        this.timer = 0;
        this.setIcon();
        this.go(this.last);
        return;
      }
      this.timer = requestAnimationFrame(frame);
      this.go(t, { fromPlay: true });
    };
    this.timer = requestAnimationFrame(frame);
    this.setIcon();
    this.go(from, { fromPlay: true });
  }

  // Stops playing; the step shown stays, and goes into the link.
  pause() {
    if (this.stop()) this.onStep(this.t, { playing: false });
  }

  // Stops playing, nothing more (the caller shows what comes next); true
  // when it was playing.
  stop() {
    if (!this.timer) return false;
    cancelAnimationFrame(this.timer);
    this.timer = 0;
    this.setIcon();
    return true;
  }

  setIcon() {
    const on = this.playing;
    this.playBtn.replaceChildren(icon(on ? 'pause' : 'play'));
    this.playBtn.title = on ? 'Pause (space)' : 'Play (space)';
    this.playBtn.setAttribute('aria-label', on ? 'Pause' : 'Play');
  }

  // Plays once on its own, unless the reader asked for reduced motion.
  autoplay() {
    if (!reduced()) this.play();
  }
}
