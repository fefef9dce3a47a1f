// embed-dialog.js - the full page's "Embed" dialog: choose a live view (the
// charts and some controls) or a figure (the charts only), tick the
// controls, and copy the <iframe> snippet for the current run (web/view.js
// writes it). buildEmbedDialog(button, current) where current() →
// { preset, canonical, pins } (pins: the pinned runs' part of the hash).
// Built from DOM nodes; no HTML strings.
import { describeKey } from './preset.js';
import { caption, embedURL, frameHeight, localAddress, snippet, UI_KEYS } from './view.js';
import { copyField, el } from './dom.js';

const DEFAULT_CHECKED = ['lr', 'opt', 'sched'];

// A snippet written on file:// or on a loopback host would send students to
// their own computers: the dialog says so, and where to make it instead.
function warnIfLocal(p) {
  const where = localAddress(location.href);
  p.hidden = !where;
  p.replaceChildren(...(where ? [`This page is opened from ${where}: the snippet's link would not work for your students. ` +
    'Publish the playground first (', el('code', { textContent: 'bash build.sh dist' }), ' writes the folder; copy it to the ' +
    'course\'s web server or to GitHub Pages), open it there and copy the snippet from its Embed dialog.'] : []));
}

export function buildEmbedDialog(button, current) {
  const dialog = el('dialog', { id: 'embed-dialog', className: 'embed-dialog' });
  dialog.setAttribute('aria-labelledby', 'embed-title');
  const mode = (value, text) => el('label', { className: 'embed-mode' },
    el('input', { type: 'radio', name: 'embed-mode', value, checked: value === 'live' }), ` ${text}`);
  const controls = el('fieldset', { className: 'embed-ui' }, el('legend', { textContent: 'Controls to show' }));
  const boxes = new Map();
  for (const key of UI_KEYS) {
    const d = describeKey(key);
    const box = el('input', { type: 'checkbox', value: key, checked: DEFAULT_CHECKED.includes(key) });
    const label = el('label', { className: 'embed-key', title: d.help }, box, ` ${d.label}`);
    boxes.set(key, { box, label, d });
    controls.append(label);
  }
  const height = el('input', { type: 'number', id: 'embed-height', min: '200', max: '4000', step: '10' });
  const warn = el('p', { className: 'embed-warning', id: 'embed-warning', hidden: true });
  const code = el('textarea', { id: 'embed-snippet', readOnly: true, rows: 5, spellcheck: false });
  code.setAttribute('aria-label', 'The HTML to paste into a course page');
  const preview = el('a', { id: 'embed-preview', target: '_blank', rel: 'noopener', textContent: 'Preview in a new tab' });
  const copy = el('button', { type: 'button', id: 'embed-copy', textContent: 'Copy snippet' });
  const status = el('span', { className: 'copy-status', role: 'status' });
  const close = el('button', { type: 'button', id: 'embed-close', textContent: 'Close' });
  dialog.append(
    el('h2', { id: 'embed-title', textContent: 'Embed this run in a course page' }),
    warn,
    el('p', { className: 'embed-caption', id: 'embed-caption' }),
    el('fieldset', { className: 'embed-modes' }, el('legend', { textContent: 'Show' }),
      mode('live', 'the charts and the controls ticked below'), mode('figure', 'the charts only (a figure)')),
    controls,
    el('label', { className: 'embed-height' }, 'height in pixels ', height),
    code,
    el('p', { className: 'embed-note', textContent: 'The iframe runs sandboxed and reproduces this run exactly; its settings are in its link. ' +
      'embed.js, from this site or copied to yours, fits its height to the content. Without it (some course platforms remove scripts) ' +
      'the iframe keeps the height above, which fits the content at any width from 360 px; a wider frame shows some blank space below. ' +
      'The run never depends on the view: the fingerprint stays the same.' }),
    el('div', { className: 'buttons' }, copy, preview, close, status),
  );
  document.body.append(dialog);

  const chosenMode = () => dialog.querySelector('input[name=embed-mode]:checked').value;
  let fitted = true; // the height is the one the content needs, not one typed in
  function refresh() {
    const { preset, canonical, pins } = current();
    const m = chosenMode();
    warnIfLocal(warn);
    for (const { box, label, d } of boxes.values()) {
      label.hidden = !d.applies(preset);
      box.disabled = m === 'figure';
    }
    controls.disabled = m === 'figure';
    const ui = UI_KEYS.filter((k) => boxes.get(k).box.checked && boxes.get(k).d.applies(preset));
    const view = { embed: m, ui };
    const fit = frameHeight({ preset, view, pins: pins.split('&pin=').length - 1 });
    if (fitted) height.value = String(fit);
    const page = location.href.split('#')[0];
    const text = caption(preset);
    dialog.querySelector('#embed-caption').textContent = text;
    code.value = snippet({ page, canonical, view, pins, height: Number(height.value) || fit, title: `lr-playground: ${text}` });
    preview.href = embedURL({ page, canonical, view, pins });
    status.textContent = '';
  }
  dialog.addEventListener('change', refresh);
  height.addEventListener('input', () => {
    fitted = height.value === '';
    refresh();
  });
  copy.addEventListener('click', () => copyField(code, status, 'snippet'));
  close.addEventListener('click', () => dialog.close());
  button.addEventListener('click', () => {
    refresh();
    dialog.showModal();
  });
  return refresh;
}
