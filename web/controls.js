// controls.js - the form, generated from the preset's KEYS table: one
// fieldset per group, one labelled control per key, shown only where the
// key applies. Values leave as raw strings; web/preset.js validates them.
import { KEYS, rangeText } from './preset.js';

const GROUPS = [['Problem', 'Problem'], ['Data', 'Data'], ['Optimizer', 'Optimizer'], ['Schedule', 'Schedule'], ['Run', 'Run']];
const LR_MIN = -5, LR_MAX = 1; // the slider's log10 range: 1e-5 .. 10

const el = (tag, props = {}, ...children) => {
  const e = Object.assign(document.createElement(tag), props);
  e.append(...children);
  return e;
};

function input(d, id) {
  if (d.type === 'enum') return el('select', { id }, ...d.values.map((v) => el('option', { value: v, textContent: v })));
  if (d.type === 'bool') return el('input', { id, type: 'checkbox' });
  if (d.type === 'list') return el('input', { id, type: 'text', inputMode: 'numeric', autocomplete: 'off', spellcheck: false });
  const step = d.type === 'int' ? '1' : 'any';
  return el('input', { id, type: 'number', min: String(d.min), max: String(d.max), step, inputMode: d.type === 'int' ? 'numeric' : 'decimal' });
}

const show = (value) => (Array.isArray(value) ? value.join(',') : String(value));

// Builds the form into `root`; onChange(key, raw, { commit }) fires on every
// edit: commit is false while a number is being typed or the slider dragged.
export function buildControls(root, onChange) {
  const rows = new Map();
  const sets = new Map();
  for (const [group, title] of GROUPS) {
    const fs = el('fieldset', {}, el('legend', { textContent: title }));
    sets.set(group, fs);
    root.append(fs);
  }
  for (const d of KEYS) {
    const fs = sets.get(d.group);
    if (!fs) continue; // 'General' (v) is not a control
    const id = `key-${d.key}`;
    const control = input(d, id);
    control.title = `${d.help}; ${rangeText(d)}`;
    const help = el('span', { className: 'help', id: `${id}-help`, textContent: d.help });
    control.setAttribute('aria-describedby', help.id);
    const row = el('div', { className: `row row-${d.type}` }, el('label', { htmlFor: id, textContent: d.label }));
    let slider = null;
    if (d.key === 'lr') {
      slider = el('input', { type: 'range', min: String(LR_MIN), max: String(LR_MAX), step: '0.01', id: 'lr-slider', className: 'lr-slider' });
      slider.setAttribute('aria-label', 'learning rate (log scale, 1e-5 to 10)');
      row.classList.add('row-lr');
      row.append(el('div', { className: 'lr-pair' }, slider, control));
      slider.addEventListener('input', () => {
        const lr = Number((10 ** Number(slider.value)).toPrecision(3));
        control.value = String(lr);
        onChange('lr', String(lr), { commit: false });
      });
      slider.addEventListener('change', () => onChange('lr', control.value, { commit: true }));
    } else row.append(control);
    row.append(help);
    fs.append(row);
    rows.set(d.key, { d, row, control, slider });

    const value = () => (d.type === 'bool' ? (control.checked ? '1' : '0') : control.value);
    if (d.type === 'enum' || d.type === 'bool') control.addEventListener('change', () => onChange(d.key, value(), { commit: true }));
    else {
      // while typing, run only values the browser already finds valid
      control.addEventListener('input', () => {
        if (control.value !== '' && control.checkValidity()) onChange(d.key, value(), { commit: false });
      });
      control.addEventListener('change', () => onChange(d.key, value(), { commit: true }));
    }
  }

  // Shows the keys that apply to `preset` with its values; the control being
  // typed in keeps its text.
  return function update(preset, { keepFocused = false } = {}) {
    for (const { d, row, control, slider } of rows.values()) {
      row.hidden = !d.applies(preset);
      const value = preset[d.key];
      if (slider && document.activeElement !== slider) slider.value = String(Math.min(LR_MAX, Math.max(LR_MIN, Math.log10(value))));
      if (keepFocused && document.activeElement === control) continue;
      if (d.type === 'bool') control.checked = value === 1;
      else control.value = show(value);
    }
    for (const fs of sets.values()) fs.hidden = [...fs.querySelectorAll('.row')].every((r) => r.hidden);
  };
}
