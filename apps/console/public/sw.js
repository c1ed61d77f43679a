// The console's service worker: the page and its assets stay on the device, so a person who reloads
// or reopens the console on a dropped link still gets it, with the last queues and cases it read
// (those live in IndexedDB, kept by the console itself). The API is never cached here.
const SHELL = 'pamoja-shell-v2';
const API = /^\/(graphql|health|ready|auth|metrics)(\/|$|\?)/;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(SHELL)
      .then((cache) => cache.add('/'))
      .then(() => self.skipWaiting()),
  );
});

// The page asks, once the worker controls it, for every asset of the build to be kept (see main.tsx): the worker
// is active at once, and the rest comes in the background. A link that drops meanwhile leaves the rest for the
// next visit.
self.addEventListener('message', (event) => {
  if (event.data !== 'keep-assets') return;
  event.waitUntil(
    caches
      .open(SHELL)
      .then(async (cache) => keepAssets(cache, await cache.match('/')))
      .catch(() => undefined),
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

/**
 * Every asset of the build the page belongs to: the page's own, and every lazily loaded chunk the build lists
 * in /precache.json, so that a page first opened offline still opens.
 */
async function assetsOf(page) {
  const html = page ? await page.clone().text() : '';
  const wanted = new Set(html.match(/\/assets\/[^"']+/g) ?? []);
  const listed = await fetch('/precache.json', { cache: 'no-cache' });
  if (!listed.ok) throw new Error(`precache list: ${listed.status}`);
  const { assets } = await listed.json();
  for (const asset of assets) if (typeof asset === 'string' && asset.startsWith('/assets/')) wanted.add(asset);
  return wanted;
}

/** Drops the assets the build no longer has, and fetches the ones not on the device yet, one at a time. */
async function keepAssets(cache, page) {
  const wanted = await assetsOf(page);
  const kept = new Set();
  for (const request of await cache.keys()) {
    const path = new URL(request.url).pathname;
    if (!path.startsWith('/assets/')) continue;
    if (wanted.has(path)) kept.add(path);
    else await cache.delete(request);
  }
  // One at a time: on a slow link the person's own requests keep most of it.
  for (const path of wanted) {
    if (kept.has(path)) continue;
    const response = await fetch(path);
    if (response.ok) await cache.put(path, response);
  }
}

/** Keeps the page fresh, and the assets of its build. */
async function keepPage(cache, response) {
  await cache.put('/', response.clone());
  await keepAssets(cache, response).catch(() => undefined);
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
