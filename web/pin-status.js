// pin-status.js - what a pinned data run does until its run is there, in
// words: queued (with the time it will take, projected by web/estimate.js),
// computing (a bar, step t of N, the time left), stopped or failed (it
// stays in the link, and computes again on Resume or when the link is
// opened again). A pin is named "pin k" by its place in the link. Pure
// text: web/pins-panel.js puts it on the page.
import { duration } from './estimate.js';

const AGAIN = 'it stays in the link and computes again when you press Resume or reload the page';

// pin: { preset, state ('queued', 'computing', 'stopped', 'failed' or null
// once its run is there), progress ({ t, steps, ms } or null), error };
// k: its place (1, 2, ...); pace: web/estimate.js's Pace. → { text, bar }:
// bar the fraction done while it computes, else null.
export function pinStatus(pin, k, pace) {
  const g = pin.progress, p = pin.preset, name = `pin ${k}`;
  const total = duration(pace.total(p));
  switch (pin.state) {
    case 'queued':
      return { text: `${name}: queued${total ? `, ${total} once it starts` : ''}`, bar: null };
    case 'computing': {
      const left = g ? duration(pace.left(p, g.t, g.ms)) : total;
      const where = !g ? 'starting' : g.t >= g.steps ? 'finishing' : `step ${g.t} of ${g.steps}`;
      return { text: `${name}: ${where}${left ? `, ${left} left` : ''}`, bar: g ? g.t / g.steps : 0 };
    }
    case 'stopped':
      return { text: `${name}: ${stoppedAt(pin)}; ${AGAIN.replace('computes again', `computes again${total ? ` (${total})` : ''}`)}.`, bar: null };
    case 'failed':
      return { text: `${name} failed: ${pin.error}; it stays in the link: Resume tries again.`, bar: null };
    default:
      return null;
  }
}

const stoppedAt = (pin) => (pin.progress ? `stopped at step ${Math.min(pin.progress.t, pin.preset.steps)} of ${pin.preset.steps}` : 'stopped before it started');

// The notice after a stop of some pins (their places ks, ascending).
export function stoppedNotice(ks) {
  const names = ks.length === 1 ? `pin ${ks[0]}` : `pins ${ks.slice(0, -1).join(', ')} and ${ks.at(-1)}`;
  const they = ks.length === 1 ? AGAIN : AGAIN.replace('it stays', 'they stay').replace('computes', 'compute');
  return `Stopped ${names}: ${they} (Resume is beside each pin, below the charts).`;
}

// The line above the charts while pins compute or wait: [{ k, state,
// text }] of those → "Pins below the charts: pin 1: step 30 of 1500, about
// 3 min left; pin 2: queued, about 4 min once it starts."
export function pinsLine(busy) {
  if (!busy.length) return '';
  return `Pinned runs computing below the charts: ${busy.map((b) => b.text).join('; ')}.`;
}
