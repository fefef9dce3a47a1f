// lesson-panel.js - the lessons on the page: the gallery (one card a
// lesson, a link that opens it) and, beside the charts, the lesson on
// screen: its sentence, its place in the series, previous / next, a way
// back to its setting once the run was changed, and the active card
// marked. Opening one brings the charts into view.
import { LESSONS, lessonById, lessonHash } from './lessons.js';
import { el } from './dom.js';

export class LessonPanel {
  // open(lesson) opens one (the page sets its link); close() drops the
  // lesson from the view.
  constructor({ open, close }) {
    const $ = (id) => document.getElementById(id);
    const els = {
      gallery: $('lessons'), box: $('lesson-box'), title: $('lesson-title'), count: $('lesson-count'), text: $('lesson-text'),
      changed: $('lesson-changed'), restore: $('lesson-restore'), prev: $('lesson-prev'), next: $('lesson-next'),
      close: $('lesson-close'), story: $('story'), bar: $('lr-bar'),
    };
    this.els = els;
    this.lesson = null;
    this.open = open;
    this.cards = new Map();
    const step = (by) => {
      const i = LESSONS.indexOf(this.lesson);
      if (i >= 0) open(LESSONS[(i + by + LESSONS.length) % LESSONS.length]);
    };
    els.prev.addEventListener('click', () => step(-1));
    els.next.addEventListener('click', () => step(1));
    els.close.addEventListener('click', () => close());
    els.restore.addEventListener('click', (e) => {
      e.preventDefault();
      if (this.lesson) open(this.lesson);
    });
  }

  // The gallery of lesson cards (below the charts: built after them).
  buildGallery() {
    this.els.gallery.replaceChildren(...LESSONS.map((l) => {
      const a = el('a', { href: lessonHash(l), className: 'lesson' }, el('strong', { textContent: l.title }), el('span', { textContent: l.sentence }));
      a.dataset.lesson = l.id;
      a.addEventListener('click', (e) => {
        e.preventDefault();
        this.open(l);
      });
      this.cards.set(l.id, a);
      return el('li', {}, a);
    }));
    this.mark(this.lesson?.id ?? null);
  }

  // The active card marked as such.
  mark(id) {
    for (const [key, card] of this.cards) {
      if (key === id) card.setAttribute('aria-current', 'true');
      else card.removeAttribute('aria-current');
    }
  }

  // The lesson on screen (an id or null) for the run `canonical` with pins
  // `pins` (canonical strings): its words, or none. Returns the lesson
  // when its own run is on screen (its notes then apply), else null.
  show(id, canonical, pins) {
    const l = id ? lessonById(id) : null;
    this.lesson = l;
    this.els.box.hidden = !l;
    this.mark(l ? id : null);
    if (!l) return null;
    const i = LESSONS.indexOf(l);
    this.els.title.textContent = l.title;
    this.els.count.textContent = `lesson ${i + 1} of ${LESSONS.length}`;
    this.els.text.textContent = l.sentence;
    const own = canonical === l.preset && pins.join(' ') === (l.pins ?? []).join(' ');
    this.els.changed.hidden = own;
    return own ? l : null;
  }

  // The charts into view, the learning-rate bar with them: the story's top
  // just below the bar (on a phone the bar is sticky, over the page, so
  // scrolling the bar itself into view moved nothing there).
  reveal() {
    const { story, bar } = this.els;
    story.style.scrollMarginTop = `${bar.offsetHeight + 16}px`;
    story.scrollIntoView({ block: 'start', behavior: 'instant' });
  }
}
