// controls.js - the form, generated from the preset's KEYS table: one
// fieldset per group, one labelled control per key, shown only where the
// key applies. Values leave as raw strings; web/preset.js validates them.
import { KEYS, plainGD, rangeText } from './preset.js';
import { buildOwnData } from './data-panel.js';
import { el, setHidden } from './dom.js';

const GROUPS = ['Problem', 'Data', 'Optimizer', 'Schedule', 'Run'];
const LR_MIN = -5, LR_MAX = 1; // the slider's log10 range: 1e-5 .. 10

function input(d, id) {
  if (d.type === 'enum') return el('select', { id }, ...d.values.map((v) => el('option', { value: v, textContent: v })));
  if (d.type === 'bool') return el('input', { id, type: 'checkbox' });
  if (d.type === 'list') return el('input', { id, type: 'text', inputMode: 'numeric', autocomplete: 'off', spellcheck: false });
  const step = d.type === 'int' ? '1' : 'any';
  return el('input', { id, type: 'number', min: String(d.min), max: String(d.max), step, inputMode: d.type === 'int' ? 'numeric' : 'decimal' });
}

// The log-scale slider that drives a learning-rate number field: 1/20 of a
// decade per arrow key (rates of 3 significant digits), a decade per
// PageUp / PageDown. A key press is one committed change, painted at once.
const LR_STEP = 0.05;
function lrSlider(id, field, onChange) {
  const slider = el('input', { type: 'range', min: String(LR_MIN), max: String(LR_MAX), step: String(LR_STEP), id, className: 'lr-slider' });
  slider.setAttribute('aria-label', 'learning rate (log scale, 1e-5 to 10)');
  const set = (commit) => {
    const lr = Number((10 ** Number(slider.value)).toPrecision(3));
    field.value = String(lr);
    slider.setAttribute('aria-valuetext', String(lr));
    onChange('lr', String(lr), { commit });
  };
  slider.addEventListener('input', () => set(false));
  slider.addEventListener('change', () => onChange('lr', field.value, { commit: true }));
  slider.addEventListener('keydown', (e) => {
    const by = { PageUp: 1, PageDown: -1 }[e.key];
    if (!by) return;
    e.preventDefault();
    slider.value = String(Math.min(LR_MAX, Math.max(LR_MIN, Math.round((Number(slider.value) + by) / LR_STEP) * LR_STEP)));
    set(true);
  });
  return slider;
}

function setSlider(slider, lr) {
  if (document.activeElement === slider) return;
  slider.value = String(Math.min(LR_MAX, Math.max(LR_MIN, Math.log10(lr))));
  slider.setAttribute('aria-valuetext', String(lr));
}

const show = (value) => (Array.isArray(value) ? value.join(',') : String(value));
const setValue = (control, text) => { if (control.value !== text) control.value = text; };

// Builds the form into `root`, the learning rate's row into `lrRoot` (above
// the charts); onChange(key, raw, { commit }) fires on every edit: commit
// is false while a number is being typed or the slider dragged. The Data
// group starts with "Your own data" (web/data-panel.js), whose loads go
// through change(changes, { commit }) and read the core.
export function buildControls(root, lrRoot, onChange, { change, core }) {
  const rows = new Map();
  const sets = new Map();
  for (const group of GROUPS) {
    const fs = el('fieldset', {}, el('legend', { textContent: group }));
    sets.set(group, fs);
    root.append(fs);
  }
  const own = buildOwnData(sets.get('Data'), { change, core });
  let shown = null; // the preset on the form
  for (const d of KEYS) {
    const fs = sets.get(d.group);
    if (!fs || d.type === 'points') continue; // 'General' (v) is not a control; own data have their panel
    const id = `key-${d.key}`;
    const control = input(d, id);
    control.title = `${d.help}; ${rangeText(d)}`;
    // the valid range beside the help; a select or a checkbox shows its own
    const range = d.type === 'enum' || d.type === 'bool' ? '' : ` (${rangeText(d)})`;
    const help = el('span', { className: 'help', id: `${id}-help`, textContent: d.help + range });
    control.setAttribute('aria-describedby', help.id);
    const row = el('div', { className: `row row-${d.type}` }, el('label', { htmlFor: id, textContent: d.label }));
    let slider = null;
    if (d.key === 'lr') {
      slider = lrSlider('lr-slider', control, onChange);
      row.classList.add('row-lr');
      // where the tools (later.js) say "GD stable below ...": kept for plain
      // gradient descent from the start, so that the slider does not narrow
      // when it comes
      row.append(el('div', { className: 'lr-pair' }, slider, control, el('span', { id: 'lr-edge-slot' })));
    } else row.append(control);
    row.append(help);
    (d.key === 'lr' ? lrRoot : fs).append(row);
    rows.set(d.key, { d, row, control, slider });

    const value = () => (d.type === 'bool' ? (control.checked ? '1' : '0') : control.value);
    const pickOwn = () => { own.pick(); update(shown); }; // own data come from the panel
    if (d.type === 'enum' || d.type === 'bool') {
      control.addEventListener('change', () => (d.key === 'data' && value() === 'own' ? pickOwn() : onChange(d.key, value(), { commit: true })));
    } else {
      // while typing, run only values the browser already finds valid
      control.addEventListener('input', () => {
        if (control.value !== '' && control.checkValidity()) onChange(d.key, value(), { commit: false });
      });
      control.addEventListener('change', () => onChange(d.key, value(), { commit: true }));
    }
  }

  // Shows the keys that apply to `preset` (and are in `only`, when given:
  // an embedded view's ui=) with its values; the control being typed in
  // keeps its text. What is already so is not written again (a drag
  // updates them at every move).
  function update(preset, { keepFocused = false, only = null } = {}) {
    shown = preset;
    own.update(preset, { hidden: only !== null }); // an embed's ui= lists what it shows
    for (const { d, row, control, slider } of rows.values()) {
      setHidden(row, !(d.shows ?? d.applies)(preset) || (only !== null && !only.includes(d.key)));
      const value = preset[d.key];
      if (slider) setSlider(slider, value);
      if (keepFocused && document.activeElement === control) continue;
      if (d.type === 'bool') control.checked = value === 1;
      else setValue(control, show(value));
    }
    for (const fs of sets.values()) setHidden(fs, [...fs.querySelectorAll('.row')].every((r) => r.hidden));
    setHidden(lrRoot, rows.get('lr').row.hidden);
    lrRoot.querySelector('#lr-edge-slot')?.classList.toggle('kept', plainGD(preset));
  }
  return update;
}
