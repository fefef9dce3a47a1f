// offline.js - keepOffline(): registers the service worker (/sw.js, built
// from web/sw.js) once the page has loaded, where the page is served over
// http(s) and may have one, so a student who opened it once can use it,
// and every link to it, offline. file:// and sandboxed embeds (no service
// worker there) run as before, without it.
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
  if (document.readyState === 'complete') register();
  else addEventListener('load', register, { once: true });
}
