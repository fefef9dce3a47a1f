// link.js - the page's address: the canonical preset, the view keys
// (web/view.js: embed, ui, lesson, t) and the pins (web/compare.js), written
// into the hash after every change, so the address bar always reproduces
// the screen; the share field; the embedded view's layout, its caption and
// Reset, and its height message to the parent page.
import { canonicalize, parse } from './preset.js';
import { caption, HEIGHT_MESSAGE, parseView, viewToHash } from './view.js';
import { pinsToHash, readPins } from './compare.js';
import { LESSONS, lessonHash } from './lessons.js';

const $ = (id) => document.getElementById(id);
const QUIET_MS = 250; // a pause in a drag or in typing
const page = () => location.href.split('#')[0];

export class Link {
  // state(): { canonical, view, pins } of what is on screen.
  constructor(state) {
    this.state = state;
    this.pending = false;
    this.known = null; // the address as this page last wrote or read it
    this.opened = null; // { hash, canonical } of the address last read: an embed's teacher's run
  }

  get hash() {
    const { canonical, view, pins } = this.state();
    return `#${canonical}${viewToHash(view)}${pinsToHash(pins)}`;
  }

  write() {
    this.pending = false;
    clearTimeout(this.timer);
    const hash = this.hash;
    try {
      history.replaceState(null, '', hash);
    } catch {
      // some sandboxed or file:// documents may not rewrite their address;
      // the share field still gets the link
    }
    this.known = location.hash;
    $('share-url').value = page() + hash;
    this.setFullLink();
  }

  // While a value is dragged or typed the hash is written once the edits
  // pause (QUIET_MS; the commit at the end of a drag writes it at once):
  // Chromium's replaceState costs several ms, which no frame of a drag
  // should spend. A link opened meanwhile (the address changed under us,
  // its hashchange still to come) wins: it is not overwritten.
  writeSoon() {
    clearTimeout(this.timer);
    this.pending = true;
    this.timer = setTimeout(() => {
      if (this.pending && location.hash === this.known) this.write();
      this.pending = false;
    }, QUIET_MS);
  }

  // The address as it is: just read (a hashchange), or a link whose version
  // this page refuses, which stays.
  keep() {
    this.known = location.hash;
    if (this.opened?.hash !== location.hash) this.opened = { hash: location.hash, canonical: canonicalize(readLink(location.hash).preset) };
    $('share-url').value = location.href;
    this.setFullLink();
  }

  // An embed's caption, and its Reset while the run on screen is not the
  // one its link opened with (a student changed the teacher's run).
  caption(preset) {
    const { canonical, view } = this.state();
    $('caption').textContent = caption(preset);
    $('embed-reset').hidden = view.embed !== 'live' || canonical === this.opened?.canonical;
  }

  // Back to the address the embed opened with; read() then shows it (the
  // same run, view and pins, and then the same hash).
  reset(read) {
    try {
      history.replaceState(null, '', this.opened.hash);
    } catch {
      // the address could not be rewritten before either: it is the one opened
    }
    read();
  }

  // The embedded view's "Open in lr-playground": the same run and pins.
  setFullLink() {
    const { canonical, view, pins } = this.state();
    if (view.embed) $('open-full').href = `${page()}#${canonical}${pinsToHash(pins)}`;
  }
}

// A link read: { preset, issues (the preset's, the view's, the pins'), pins
// (presets), view, write (false: leave the address as it is) }. An empty
// link is the first lesson's; an unknown version is refused and said so,
// the defaults run and the link stays.
export function readLink(hash) {
  if (hash === '' || hash === '#') hash = lessonHash(LESSONS[0]);
  let parsed, write = true;
  try {
    parsed = parse(hash);
  } catch (e) {
    parsed = { preset: parse('').preset, issues: [e.message] };
    write = false;
  }
  const pinned = readPins(hash), view = parseView(hash);
  return { preset: parsed.preset, issues: [...parsed.issues, ...view.issues, ...pinned.issues], pins: pinned.presets, view, write };
}

// Embedded (embed=1 or embed=figure): the compact layout.
export function setLayout(view) {
  document.body.classList.toggle('embed', view.embed !== null);
  document.body.classList.toggle('embed-figure', view.embed === 'figure');
  $('caption-bar').hidden = view.embed === null;
}

// In a frame, the page's height goes to the parent whenever it changes
// (web/embed.js there resizes the iframe; see web/view.js for the message).
export function reportHeight() {
  if (window.parent === window) return;
  let last = 0;
  new ResizeObserver(() => {
    const height = Math.ceil(document.body.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ type: HEIGHT_MESSAGE, height }, '*');
  }).observe(document.body);
}
