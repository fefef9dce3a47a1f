// offline.js - keepOffline(): registers the service worker (/sw.js, built
// from web/sw.js) once the page has started, where the page is served over
// http(s) and may have one, so a student who opened it once can use it,
// and every link to it, offline. file:// and sandboxed embeds (no service
// worker there) run as before, without it.
//
// It waits until the page has loaded, then QUIET_MS more, then for an idle
// moment: installing fetches every file of the release anew (about 1 MB)
// and Chromium compiles the cached scripts for its code cache, ~60 ms of
// CPU in the worker's thread and more in the browser's, which on a 2-core
// laptop stretched the page's own start-up tasks (loss chart, tools) past
// 50 ms when it ran beside them.
const QUIET_MS = 2000, IDLE_WAIT_MS = 2000;

export function keepOffline() {
  if (!/^https?:$/.test(location.protocol)) return;
  let workers = null;
  try {
    workers = navigator.serviceWorker ?? null; // a sandboxed iframe throws here
  } catch {
    return;
  }
  if (!workers) return;
  // relative to the page: beside index.html, its folder the scope
  const register = () => workers.register('sw.js').catch(() => {});
  const idle = () => (self.requestIdleCallback ? requestIdleCallback(register, { timeout: IDLE_WAIT_MS }) : register());
  const later = () => setTimeout(idle, QUIET_MS);
  if (document.readyState === 'complete') later();
  else addEventListener('load', later, { once: true });
}
