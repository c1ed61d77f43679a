// The console's service worker: the page and its assets stay on the device, so a person who reloads
// or reopens the console on a dropped link still gets it, with the last queues and cases it read
// (those live in IndexedDB, kept by the console itself). The API is never cached here.
const SHELL = 'pamoja-shell-v1';
const API = /^\/(graphql|health|ready|auth|metrics)(\/|$|\?)/;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(SHELL)
      .then((cache) => cache.add('/'))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name !== SHELL).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

/** Keeps the page fresh, and drops the assets the new page no longer loads. */
async function keepPage(cache, response) {
  const html = await response.clone().text();
  await cache.put('/', response);
  const wanted = new Set(html.match(/\/assets\/[^"']+/g) ?? []);
  for (const request of await cache.keys()) {
    const path = new URL(request.url).pathname;
    if (path.startsWith('/assets/') && !wanted.has(path)) await cache.delete(request);
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin || API.test(url.pathname)) return;
  if (request.mode === 'navigate') {
    // The page from the network when it answers; else the kept one.
    event.respondWith(
      (async () => {
        const cache = await caches.open(SHELL);
        try {
          const response = await fetch(request);
          if (response.ok) event.waitUntil(keepPage(cache, response.clone()));
          return response;
        } catch (error) {
          const kept = await cache.match('/');
          if (kept) return kept;
          throw error;
        }
      })(),
    );
    return;
  }
  if (url.pathname.startsWith('/assets/')) {
    // Hashed, so never stale: the kept copy first.
    event.respondWith(
      (async () => {
        const cache = await caches.open(SHELL);
        const kept = await cache.match(request);
        if (kept) return kept;
        const response = await fetch(request);
        if (response.ok) await cache.put(request, response.clone());
        return response;
      })(),
    );
  }
});
