// status.js - the words beside the charts: notices about the link, what the
// run did (web/story.js), the divergence warning, a data run's progress
// bar and Stop, the note after a stop, and the playback's readout.
import { SURFACE_MIN, atOrBefore, brief, divergence, summarize, valuesAt } from './story.js';
import { setHidden, setText } from './dom.js';

const $ = (id) => document.getElementById(id);
const MAX_NOTICES = 25;

export class Status {
  notices(issues) {
    const list = $('notices');
    const shown = issues.slice(0, MAX_NOTICES).map((i) => {
      const li = document.createElement('li');
      li.textContent = typeof i === 'string' ? i : `${i.key}${i.value === undefined ? '' : ` = "${i.value}"`}: ${i.reason}`;
      return li;
    });
    if (issues.length > MAX_NOTICES) shown.push(Object.assign(document.createElement('li'), { textContent: `${issues.length - MAX_NOTICES} more, not listed` }));
    list.replaceChildren(...shown);
    list.hidden = issues.length === 0;
  }

  // The outcome of a run, said politely to a screen reader (#announce)
  // once runs settle: a drag of the rate runs many, and says the last.
  announce(text) {
    clearTimeout(this.saying);
    this.saying = setTimeout(() => setText($('announce'), text), 300);
  }

  // Nothing said about a run.
  clear() {
    clearTimeout(this.saying);
    $('summary').textContent = '';
    $('divergence').hidden = true;
    $('run-note').hidden = true;
    $('progress').hidden = true;
  }

  // A surface runs at once: no progress to show.
  running() {
    $('progress').hidden = true;
    $('run-note').hidden = true;
  }

  // A data run has started: the words about the run before go.
  computing() {
    this.clear();
    $('summary').textContent = 'Training…';
    $('fingerprint').textContent = 'computing…';
    $('fingerprint').title = '';
  }

  // The bar, shown once a run takes a moment.
  progress(p, ms) {
    if (ms > 120) setHidden($('progress'), false);
    $('progress-bar').value = p.t / p.steps;
    setText($('progress-text'), `step ${p.t} of ${p.steps}`);
  }

  // After a stop (error null) or a failure: what the charts still show.
  stopped(error, shown, steps) {
    $('progress').hidden = true;
    const t = shown?.loss?.length ?? 0;
    $('summary').textContent = '';
    $('fingerprint').textContent = error ? 'failed' : 'stopped';
    $('run-note').hidden = false;
    $('run-note').textContent = error ? `The run failed: ${error.message}`
      : `Stopped at step ${Math.max(0, t - 1)} of ${steps}: the charts show the run so far. Change a setting to run again.`;
    this.announce($('run-note').textContent);
  }

  done(run, ms, preset) {
    $('progress').hidden = true;
    $('run-note').hidden = true;
    $('summary').textContent = summarize(run, SURFACE_MIN[preset.problem]);
    $('fingerprint').title = `computed in ${ms.toFixed(1)} ms`;
    const warning = divergence(run);
    $('divergence').hidden = warning === null;
    $('divergence').textContent = warning ?? '';
    this.announce(`Run finished: lr ${brief(preset.lr)}, ${preset.steps} steps. ${$('summary').textContent}${warning ? ` ${warning}` : ''}`);
  }

  // "step 37 of 200 · loss 0.0123 · lr 0.05 · at (-1.2, 0.3)"
  describeStep(run, t) {
    if (!run) return '';
    const v = valuesAt(run, t), last = run.loss.length - 1;
    const parts = [`step ${v.step} of ${last}`, `loss ${brief(v.loss)}`];
    if (v.step < run.lr.length) parts.push(`lr ${brief(v.lr)}`);
    if (run.eval_step?.length && run.test_loss?.length) {
      const k = Math.max(0, atOrBefore(run.eval_step, v.step));
      parts.push(`held-out ${brief(run.test_loss[k])}`);
      if (run.test_acc?.length) parts.push(`${(100 * run.test_acc[k]).toFixed(1)}% right`);
    }
    if (v.at) parts.push(`at (${brief(v.at[0])}, ${brief(v.at[1])})`);
    return parts.join(' · ');
  }
}
