// tool-advice.js - the tools' one recommendation (web/advice.js) over
// whichever of them have run on the current setting, with a button that
// loads the recommended run's preset.
// adviceBox({ apply }) → { box, show(preset, { find, sweep, tune, edge }),
// last() }; show takes only results for this setting (tools-panel.js
// drops the others: a result for another setting is no advice here).
import { advise } from './advice.js';
import { canonicalize } from './preset.js';
import { el } from './dom.js';
import { fmt } from './tool-chart.js';


export function adviceBox({ apply }) {
  const rate = el('strong', { id: 'advice-rate' });
  const load = el('button', { type: 'button', id: 'advice-apply', textContent: 'Load it' });
  const reason = el('p', { id: 'advice-reason' });
  const others = el('ul', { className: 'advice-others', id: 'advice-others' });
  const box = el('section', { className: 'advice', id: 'advice', hidden: true },
    el('h3', { id: 'advice-title', textContent: 'What the tools recommend' }),
    el('p', { className: 'advice-pick' }, rate, ' ', load), reason,
    el('p', { className: 'hint advice-why', textContent: 'Why the tools differ:' }), others);
  box.setAttribute('aria-labelledby', 'advice-title');
  let pick = null, last = null;
  load.addEventListener('click', () => pick && apply(pick.preset));

  function show(preset, { find, sweep, tune, edge }) {
    last = advise(preset, { find, sweep, tune, edge });
    box.hidden = !last;
    if (!last) return;
    pick = last.pick;
    rate.textContent = pick ? `lr ${fmt(pick.lr)}, from the ${pick.source}${pick.robust ? '' : ' (not checked: move it with care)'}` : 'No rate: every run diverged.';
    load.hidden = !pick;
    const loaded = pick && pick.preset === canonicalize(preset);
    load.disabled = Boolean(loaded);
    load.textContent = loaded ? 'Loaded' : 'Load it';
    reason.textContent = last.reason;
    others.replaceChildren(...last.others.map((o) => el('li', { textContent: o.text })));
  }

  return { box, show, last: () => last };
}
