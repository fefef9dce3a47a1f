// app.js - the page: reads the preset from the URL hash, runs it in the core,
// shows the result. Nothing from the URL ever reaches the page as HTML.
import { loadCore } from './core.js';
import { canonicalize, parse } from './preset.js';
import { f32 } from './export.js';

const $ = (id) => document.getElementById(id);

function showNotices(messages) {
  $('notices').replaceChildren(...messages.map((m) => {
    const li = document.createElement('li');
    li.textContent = m;
    return li;
  }));
}

async function main() {
  const core = await loadCore();
  const render = () => {
    let parsed;
    try {
      parsed = parse(location.hash);
    } catch (e) {
      showNotices([e.message]);
      $('status').textContent = 'This link cannot be read.';
      return;
    }
    showNotices(parsed.issues.map((i) => `${i.key}: ${i.reason}`));
    const canonical = canonicalize(parsed.preset);
    history.replaceState(null, '', `#${canonical}`);
    const run = core.run(parsed.preset);
    $('share').href = `#${canonical}`;
    $('share').textContent = `#${canonical}`;
    $('final-loss').textContent = f32(run.loss[run.loss.length - 1]) ?? 'not finite';
    $('fingerprint').textContent = run.fingerprint;
    $('status').textContent = run.diverged_at === null ? 'Run complete.' : `Diverged at step ${run.diverged_at}.`;
  };
  addEventListener('hashchange', render);
  render();
}

main().catch((e) => { $('status').textContent = `The core failed to load: ${e.message}`; });
