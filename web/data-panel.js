// data-panel.js - "Your own data", at the top of the form's Data group: a
// CSV from a file (its button, or dropped anywhere on the page) or pasted.
// A good file becomes the run's data (data=own, its points in the link, or
// for more than LINK_ROWS rows a reference to the file) on a problem that
// fits it; a bad one is refused with the line and column at fault, and
// nothing else changes: the run, the settings and the data loaded before
// stay. The panel says what the data are, how the core scaled them and
// whether the link carries them.
import { el, setHidden } from './dom.js';
import { DATA_PROBLEMS } from './keys.js';
import { LINK_ROWS, isFileRef, ownData, remember } from './own-data.js';
import { parseCsv, MAX_BYTES, tooLarge } from './csv.js';
import { pointsText } from './points.js';

const HINT = 'x1,x2,label for classification (labels 0 to 7 or up to 8 names) or x,y for regression; a header row is optional; up to 10,000 rows.';
const fmt = (x) => String(Number(x.toPrecision(4)));

// The problem a data set runs on: the current one where it fits, else mlp
// for classes and linreg for (x, y).
function problemFor(data, problem) {
  if (data.classes) return problem === 'logreg' || problem === 'mlp' ? problem : 'mlp';
  return problem === 'linreg' || problem === 'mlp' ? problem : 'linreg';
}

// How the core scaled the columns (its data_scale: lo, hi, scaled each).
export function scaleText(data, scale) {
  const names = data.header ?? (data.d === 2 ? ['x1', 'x2', 'label'] : ['x', 'y']);
  const cols = Array.from({ length: scale.length / 3 }, (_, c) => ({
    name: names[c] ?? `column ${c + 1}`, lo: scale[3 * c], hi: scale[3 * c + 1], scaled: scale[3 * c + 2] === 1,
  }));
  const scaled = cols.filter((c) => c.scaled);
  if (!scaled.length) return 'Used as given: every column lies within [-2, 2].';
  const kept = cols.filter((c) => !c.scaled).map((c) => c.name);
  return `Scaled linearly onto [-1.5, 1.5], where gradient descent on these models works at the usual rates: ${
    scaled.map((c) => `${c.name} from [${fmt(c.lo)}, ${fmt(c.hi)}]`).join(', ')}.${kept.length ? ` ${kept.join(', ')} as given.` : ''}`;
}

function linkText(points, data) {
  if (isFileRef(points)) {
    return `These ${data.n.toLocaleString('en')} rows are too many for a link (at most ${LINK_ROWS.toLocaleString('en')}): ` +
      'the link names the file, so whoever opens it loads the same file to see this run ' +
      '(or runs lr-playground run LINK --csv FILE).';
  }
  return `The link carries these data (${(points.length / 1024).toFixed(1)} KB of it), so it reproduces this run anywhere.`;
}

// Where a CSV comes from: the file button, the paste button, or a file
// dropped anywhere on the page; each goes to load(text, name).
function listen(file, use, paste, load, refuse) {
  const loadFile = async (f) => {
    if (!f) return;
    if (f.size > MAX_BYTES) return refuse(`${f.name}: ${tooLarge(f.size)}`); // not read at all
    load(await f.text(), f.name);
  };
  file.addEventListener('change', () => loadFile(file.files?.[0]).finally(() => { file.value = ''; }));
  use.addEventListener('click', () => load(paste.value, 'the pasted text'));
  const hasFile = (e) => [...(e.dataTransfer?.types ?? [])].includes('Files');
  document.addEventListener('dragover', (e) => { if (hasFile(e)) e.preventDefault(); });
  document.addEventListener('drop', (e) => {
    if (!hasFile(e)) return;
    e.preventDefault();
    loadFile(e.dataTransfer.files[0]);
  });
}

export function buildOwnData(fieldset, { change, core }) {
  const file = el('input', { type: 'file', id: 'own-file', accept: '.csv,.tsv,.txt,text/csv,text/plain' });
  const paste = el('textarea', { id: 'own-paste', rows: 4, spellcheck: false, placeholder: 'x1,x2,label\n0.5,1.2,cat\n...' });
  const use = el('button', { type: 'button', id: 'own-use', textContent: 'Use pasted data' });
  const error = el('p', { id: 'own-error', className: 'own-error', hidden: true });
  error.setAttribute('role', 'alert');
  const status = el('p', { id: 'own-status', className: 'own-status' });
  const fileLabel = el('label', { htmlFor: 'own-file', textContent: 'Load a CSV file' });
  const pasteLabel = el('label', { htmlFor: 'own-paste', textContent: 'or paste it here' });
  const help = el('span', { className: 'help', id: 'own-help', textContent: `${HINT} Or drop a file anywhere on the page.` });
  file.setAttribute('aria-describedby', help.id);
  const section = el('div', { className: 'row own-data', id: 'own-data' },
    el('span', { className: 'own-title', textContent: 'Your own data' }), help,
    fileLabel, file, pasteLabel, paste, use, error, status);
  fieldset.insertBefore(section, fieldset.children[1] ?? null);

  let preset = null, last = null; // the preset shown; the last good data
  const scales = new Map(); // points → the scaling sentence

  function load(text, name) {
    const r = parseCsv(text);
    if (!r.ok) return refuse(`${name}: ${r.error}`);
    error.hidden = true;
    last = { points: remember(r), data: r, name, notes: r.notes };
    change({ problem: problemFor(r, preset?.problem), data: 'own', points: last.points }, { commit: true });
  }

  function refuse(message) {
    error.textContent = `${message}. Nothing was changed.`;
    error.hidden = false;
  }
  listen(file, use, paste, load, refuse);

  function scaling(p) {
    if (!scales.has(p.points)) {
      const job = core.start({ ...p, steps: 1 });
      try {
        scales.set(p.points, scaleText(ownData(p.points).data, job.out('data_scale')));
      } finally {
        job.free();
      }
    }
    return scales.get(p.points);
  }

  function describe(p) {
    const { data } = ownData(p.points);
    if (!data) return [];
    const from = last?.points === p.points ? ` from ${last.name}` : '';
    const notes = last?.points === p.points ? last.notes.join(' ') : '';
    let scaled = '';
    try {
      scaled = scaling(p);
    } catch {} // the run reports a failure itself
    return [`Your data${from}: ${pointsText(data)}.`, notes, scaled, linkText(p.points, data)].filter(Boolean);
  }

  return {
    // data=own chosen in the form: the last data loaded, or a request for some
    pick() {
      if (last) return change({ data: 'own', points: last.points, problem: problemFor(last.data, preset?.problem) }, { commit: true });
      error.textContent = 'To use your own data, load or paste a CSV first.';
      error.hidden = false;
      file.focus();
    },
    update(p, { hidden = false } = {}) {
      preset = p;
      setHidden(section, hidden || !DATA_PROBLEMS.includes(p.problem));
      const lines = p.data === 'own' ? describe(p) : [];
      if (status.textContent !== lines.join('')) {
        status.replaceChildren(...lines.map((t, i) => el('span', { className: i ? 'own-line' : 'own-line own-summary', textContent: t })));
      }
    },
  };
}
