// first-run.js - the page's first surface: its run in a task of its own,
// then its coarse contours in a few more, before the controls and the words
// change around them (a frame would come between, before the picture); the
// run's own task (web/app.js) then takes the run and only draws. That task
// reads the link again: what changed it meanwhile wins (the run is taken
// only for the same preset).
import { canonicalize } from './preset.js';
import { isSurface } from './page-state.js';
import { readLink } from './link.js';
import { nextTask } from './dom.js';

let prepared = null;

export async function prepareFirst(core, pathPanel) {
  const { preset, view } = readLink(location.hash);
  if (!isSurface(preset) || view.embed !== null) return; // an embed's layout changes the plot's size
  let run;
  try {
    const t0 = performance.now();
    run = core.run(preset, { grids: true });
    prepared = { canonical: canonicalize(preset), run, ms: performance.now() - t0 };
  } catch {
    return; // the run's own task says why
  }
  await nextTask();
  await pathPanel.prepare(preset, run);
}

// The run prepared for this canonical preset ({ run, ms }), once; or null.
export function takePrepared(canonical) {
  const ready = prepared?.canonical === canonical ? prepared : null;
  prepared = null;
  return ready;
}
