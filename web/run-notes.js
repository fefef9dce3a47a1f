// run-notes.js - the notes drawn on the pictures of a finished run: where it
// diverged, and a lesson's marks when its own run is on screen, each in the
// colour of the run it is about (a pin's note in that pin's colour).
import { CURRENT, PIN_STYLES } from './palette.js';
import { divergedAt } from './story.js';

const colour = (n) => (n.pin === undefined ? CURRENT : PIN_STYLES[n.pin].colour);

// { loss, lr, path }: lists of notes ({ t, y, text, colour } on the charts,
// { x, y, text, colour } on the path plot).
export function runNotes(run, lesson, core) {
  const out = { loss: [], lr: [], path: [] };
  const own = lesson?.notes(run, core) ?? {};
  for (const k of Object.keys(out)) out[k] = (own[k] ?? []).map((n) => ({ ...n, colour: colour(n) }));
  const t = run.diverged_at;
  if (t !== null && !out.loss.some((n) => n.t === t && n.pin === undefined)) {
    const y = Number.isFinite(run.loss[t]) ? run.loss[t] : 1e10;
    out.loss.push({ t, y, text: divergedAt(t), colour: CURRENT });
  }
  return out;
}
