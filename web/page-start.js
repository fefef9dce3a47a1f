// page-start.js - how web/app.js starts the page, and what waits for it.
// start(main) runs main() in a task of its own, after the bundle's
// evaluation, and says in #status when it failed. startLater(charts,
// tools) is the start's end, after the first picture: Chart.js and the
// loss and rate charts, then the tools (web/gen/later.js), each in tasks
// of their own; pageStarted then settles (a lesson's autoplay waits for
// it, so that its frames do not run beside that making), and the service
// worker comes after (web/offline.js), even where a part failed to load.
import { nextTask } from './dom.js';
import { loadLater } from './later-load.js';
import { keepOffline } from './offline.js';

let started;
export const pageStarted = new Promise((resolve) => { started = resolve; });

// charts() → a promise, once the charts are made; tools(later) with
// later.js's parts
export async function startLater(charts, tools) {
  const later = loadLater(); // asked for here: creating the requests takes a few ms
  later.catch(() => {}); // a failure is thrown below, once the charts are made
  try {
    await charts();
    tools(await later.then(nextTask));
  } finally {
    started();
    keepOffline();
  }
}

// Not in the bundle's evaluation: where app.js runs before web/boot.js,
// main() starts the core's fetch itself, and a request made with the
// bundle's top-level function on the stack cost, with DevTools or a test
// driver attached, the request's initiator stack trace: V8 collects source
// positions lazily, and it reparsed the whole bundle (16-30 ms more in
// that task; 2 of 55 traced loads).
export function start(main) {
  nextTask().then(main).catch((e) => {
    const status = document.getElementById('status');
    status.textContent = `The page failed to start: ${e.message}`;
    status.hidden = false; // hidden once the first picture showed
    console.error(e);
  });
}
