// dom.js - the page's small DOM helpers. Elements are built from
// properties and children, never from HTML strings.

// el('button', { type: 'button', textContent: 'Go' }, child, ...)
export const el = (tag, props = {}, ...children) => {
  const e = Object.assign(document.createElement(tag), props);
  e.append(...children);
  return e;
};

// Copies a field's text to the clipboard and says so in `status`; where the
// clipboard is refused (an insecure or sandboxed page) it selects the text
// for the user to copy. what: 'link', 'snippet'.
export async function copyField(field, status, what) {
  try {
    await navigator.clipboard.writeText(field.value);
    status.textContent = `${what[0].toUpperCase()}${what.slice(1)} copied.`;
  } catch {
    field.select();
    status.textContent = `Copy the selected ${what}.`;
  }
}

// Writes a text or the hidden flag only when it changes: a run streaming in
// sets them many times a second, and every write costs a layout.
export const setText = (node, text) => { if (node.textContent !== text) node.textContent = text; };
export const setHidden = (node, hidden) => { if (node.hidden !== hidden) node.hidden = hidden; };

// A promise of value, kept in a task of its own: the work after it does not
// lengthen the task before (the page starts in several short tasks).
export const nextTask = (value) => new Promise((resolve) => setTimeout(() => resolve(value)));
// The same after the next frame was drawn (its layout with it).
export const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
// Runs fn in a task of its own as soon as the page is free: a message the
// page posts to itself (a chain of setTimeout(0) waits 4 ms a link after
// its fifth).
let channel = null;
const waiting = [];
export function soon(fn) {
  if (!channel) {
    channel = new MessageChannel();
    channel.port1.onmessage = () => waiting.shift()();
  }
  waiting.push(fn);
  channel.port2.postMessage(null);
}
