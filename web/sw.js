// sw.js - the page offline after its first visit. A service worker, built by
// make into /sw.js beside index.html (its scope: the page's folder), with
// VERSION a hash of itself and the files it keeps: installing caches this release's
// files; activating deletes every older release's cache; a request for one
// of them (any link to the page: its state is in the hash) is answered from
// the cache first, and anything else from the network. web/offline.js
// registers it.
const VERSION = '__VERSION__';
const CACHE = `lrp-${VERSION}`;
const FILES = ['./', 'index.html', 'web/style.css', 'web/embed.js', 'web/gen/app.js', 'web/gen/worker.js',
  'web/gen/chartjs.js', 'web/gen/later.js', 'web/boot.js', 'web/gen/lrp-core.wasm', 'web/gen/lrp-core-wasm.js'];

self.addEventListener('install', (event) => {
  // fetched anew (no HTTP cache), so that the cache holds this release
  event.waitUntil(caches.open(CACHE)
    .then((cache) => cache.addAll(FILES.map((f) => new Request(f, { cache: 'reload' }))))
    .then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k.startsWith('lrp-') && k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(caches.open(CACHE)
    .then((cache) => cache.match(request, { ignoreSearch: true, ignoreVary: true }))
    .then((hit) => hit ?? fetch(request)));
});
