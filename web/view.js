// view.js - the embed view keys of the page's hash (beside the preset, never
// part of it: web/preset.js skips them, so they change neither the run nor
// its fingerprint), the caption of a run, and the snippet that embeds one.
//   embed=1        a compact layout: the charts, a caption and only the
//                  controls named in ui= (default: lr)
//   embed=figure   the charts and the caption, no controls
//   ui=lr,sched    the controls an embed=1 view shows: preset keys
//   lesson=saddle  the lesson on screen (web/lessons.js), its sentence beside the charts
//   t=120          the step the playback shows (at most the run's last)
// Pure: no DOM, so Node tests it; nothing here builds HTML except snippet(),
// which escapes every attribute it writes.
import { decode, describeKey, KEYS, show, SURFACES } from './preset.js';
import { lessonById } from './lessons.js';

const MODES = Object.freeze({ 1: 'live', figure: 'figure' });
// The keys a view may show as controls: the preset's, but its version.
export const UI_KEYS = Object.freeze(KEYS.filter((d) => d.group !== 'General').map((d) => d.key));
const DEFAULT_UI = Object.freeze(['lr']);
export const HEIGHT_MESSAGE = 'lr-playground:height';
const MAX_UI_ISSUES = 5;
// A link may repeat view keys without end: their issues stop at this many
// (as the preset's, web/preset.js) and end with one line counting the rest.
const MAX_VIEW_ISSUES = 20;

const VIEW_KEYS = ['embed', 'ui', 'lesson', 't'];

// The view keys of a location hash: { embed: null | 'live' | 'figure',
// ui: [keys in table order], lesson: id | null, t: step | null, issues:
// [{ key, value, reason }] }. Lenient
// like the preset: a bad value is reported (shortened as preset.js does)
// and ignored.
export function parseView(hash) {
  const view = { embed: null, ui: [], lesson: null, t: null, issues: [] };
  let ui = null, unlisted = 0;
  const note = (issue) => (view.issues.length < MAX_VIEW_ISSUES ? view.issues.push(issue) : unlisted++);
  const bad = (key, raw, reason) => note({ key, value: show(raw), reason });
  for (const part of String(hash).replace(/^#/, '').split('&')) {
    const eq = part.indexOf('=');
    const key = decode(eq < 0 ? part : part.slice(0, eq));
    if (!VIEW_KEYS.includes(key)) continue;
    const raw = eq < 0 ? '' : part.slice(eq + 1);
    const value = decode(raw);
    if (value === undefined) bad(key, raw, 'malformed %-escape; ignored');
    else if (key === 'lesson') {
      if (lessonById(value)) view.lesson = value;
      else bad(key, value, 'no such lesson; ignored');
    } else if (key === 't') {
      if (/^\d{1,6}$/.test(value)) view.t = Number(value);
      else bad(key, value, 'must be a step: an integer from 0; ignored');
    } else if (key === 'embed') {
      if (value === '0' || value === '') view.embed = null;
      else if (Object.hasOwn(MODES, value)) view.embed = MODES[value];
      else bad(key, value, 'must be 1 (controls) or figure (no controls); ignored');
    } else {
      ui = new Set();
      const unknown = [];
      for (const k of value.split(',').filter(Boolean)) {
        if (UI_KEYS.includes(k)) ui.add(k);
        else unknown.push(k);
      }
      // a bounded list, however long the link
      for (const k of unknown.slice(0, MAX_UI_ISSUES)) bad('ui', k, 'not a control of the preset; ignored');
      if (unknown.length > MAX_UI_ISSUES) note({ key: 'ui', reason: `${unknown.length - MAX_UI_ISSUES} more names that are not controls, ignored` });
    }
  }
  if (unlisted) view.issues.push({ key: 'view', reason: `${unlisted} more issues with embed, ui, lesson or t, not listed` });
  view.ui = ui ? UI_KEYS.filter((k) => ui.has(k)) : [...DEFAULT_UI];
  return view;
}

// The view keys as they follow the preset in a hash ('' for none).
export function viewToHash(view) {
  const lesson = view.lesson ? `&lesson=${view.lesson}` : '';
  const t = view.t === null || view.t === undefined ? '' : `&t=${view.t}`;
  if (!view.embed) return `${lesson}${t}`;
  if (view.embed === 'figure') return `&embed=figure${lesson}${t}`;
  return `&embed=1&ui=${view.ui.join(',')}${lesson}${t}`;
}

const OPT = {
  sgd: () => 'SGD', momentum: (p) => `SGD with momentum ${p.momentum}`, nesterov: (p) => `SGD with Nesterov momentum ${p.momentum}`,
  adagrad: () => 'Adagrad', rmsprop: () => 'RMSprop', adam: () => 'Adam', adamw: () => 'AdamW',
};
const SCHED = {
  constant: null, step: 'step decay', multistep: 'multi-step decay', exp: 'exponential decay',
  cosine: 'cosine schedule', restarts: 'cosine schedule with warm restarts', onecycle: 'one-cycle schedule',
  cyclic: 'cyclic schedule', linear: 'linear schedule', poly: 'polynomial decay', plateau: 'reduce-on-plateau schedule',
};
const SURFACE_NAME = {
  quadratic: (p) => `a quadratic (condition number ${p.cond})`, rosenbrock: () => 'Rosenbrock', beale: () => 'Beale',
  himmelblau: () => 'Himmelblau', saddle: () => 'a saddle', wells: () => 'two wells',
};

function optimizer(p) {
  const extra = [];
  if (['adam', 'adamw'].includes(p.opt)) {
    if (p.b1 !== 0.9 || p.b2 !== 0.999) extra.push(`betas ${p.b1}, ${p.b2}`);
    if (p.amsgrad) extra.push('AMSGrad');
    if (!p.bc) extra.push('no bias correction');
  }
  if (p.wd !== (p.opt === 'adamw' ? 0.01 : 0)) extra.push(`weight decay ${p.wd}`);
  return OPT[p.opt](p) + (extra.length ? ` (${extra.join(', ')})` : '');
}

function problem(p) {
  if (SURFACES.includes(p.problem)) return SURFACE_NAME[p.problem](p);
  const model = { linreg: 'linear regression', logreg: 'logistic regression', mlp: `an MLP (${p.hidden.join('-')}, ${p.act})` }[p.problem];
  return `${model} on ${p.data}${p.batch ? `, mini-batches of ${p.batch}` : ''}`;
}

// "Adam, lr 0.01, cosine schedule, 300 steps on Rosenbrock": what a
// resolved preset runs, in words.
export function caption(p) {
  const parts = [optimizer(p), `lr ${p.lr}`];
  if (SCHED[p.sched]) parts.push(SCHED[p.sched]);
  if (p.warmup) parts.push(`${p.warmup}-step warm-up`);
  return `${parts.join(', ')}, ${p.steps} steps on ${problem(p)}`;
}

const attr = (s) => String(s).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

// The HTML a course page pastes: the iframe (sandboxed: scripts only, and
// popups for the "open" link) and embed.js, which sizes it to its content.
// page: the playground's address without a hash.
// pins: the hash's pinned runs (web/compare.js pinsToHash), kept in the view.
export const embedURL = ({ page, canonical, view, pins = '' }) => `${page}#${canonical}${viewToHash(view)}${pins}`;

// The iframe's height without embed.js (course platforms often strip
// scripts): the content's height where it is tallest, a frame about 420 px
// wide (one column, the plots at their full size; up to 1100 px it stays
// one column and a little shorter, narrower plots are smaller), with room
// for a caption or summary on more lines. pins: how many runs are pinned.
// tests/browser-embed.test.mjs checks in Chromium that the content fits at
// every width from 360 px.
const PX = { figure: 1220, slack: 40, data: 330, pins: 50, pin: 25, lrBar: 60, group: 36, row: 32 };
export function frameHeight({ preset, view, pins = 0 }) {
  let h = PX.figure + PX.slack + (SURFACES.includes(preset.problem) ? 0 : PX.data) + (pins ? PX.pins + PX.pin * pins : 0);
  if (view.embed !== 'live') return h;
  const rows = view.ui.filter((k) => k !== 'lr' && describeKey(k).applies(preset));
  if (view.ui.includes('lr')) h += PX.lrBar;
  return h + PX.row * rows.length + PX.group * new Set(rows.map((k) => describeKey(k).group)).size;
}

// Why a snippet of the page at href would not work for students, or null:
// a file:// page or one on a loopback host is on this computer only.
export function localAddress(href) {
  const url = new URL(href);
  if (url.protocol === 'file:') return 'a file on this computer (file://)';
  const host = url.hostname;
  const loopback = host === 'localhost' || host.endsWith('.localhost') || host === '[::1]' || host === '0.0.0.0' ||
    /^127\.\d+\.\d+\.\d+$/.test(host);
  return loopback ? `${host}, a host only this computer reaches` : null;
}

export function snippet({ page, canonical, view, pins = '', height, title }) {
  const src = embedURL({ page, canonical, view, pins });
  const script = new URL('web/embed.js', page).href;
  return `<iframe src="${attr(src)}" title="${attr(title)}" width="100%" height="${Math.round(height)}" ` +
    'frameborder="0" loading="lazy" sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox" data-lr-playground></iframe>\n' +
    `<script src="${attr(script)}" defer></script>`;
}
