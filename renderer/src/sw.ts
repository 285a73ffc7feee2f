/**
 * Service worker of browser mode: network first, the cached copy when the network fails, so the
 * app shell loads offline: index.html and every file of the build, as the build lists them in
 * precache.json (vite.renderer.config.ts) — the chunks loaded on demand (each language's strings,
 * dialogs, workers) included, so every screen opens offline, not only the first. Socket.io and /api are never cached.
 * Built as its own entry to `sw.js` at the root of dist/renderer (see vite.renderer.config.ts).
 */

// The renderer compiles against the DOM library, which has no service-worker global scope; these
// are the few parts of it used here.
interface ExtendableEvent extends Event {
  waitUntil(p: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  request: Request;
  respondWith(r: Promise<Response>): void;
}
interface SwScope {
  location: Location;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  addEventListener(type: 'install' | 'activate', l: (e: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', l: (e: FetchEvent) => void): void;
}

const sw = self as unknown as SwScope;
const CACHE = 'tradewind-shell-v1';

/** index.html and every file the build lists. */
async function precache(): Promise<void> {
  const cache = await caches.open(CACHE);
  const base = new URL('./', sw.location.href);
  const [page, list] = await Promise.all([
    fetch(new URL('index.html', base), { cache: 'no-store' }),
    fetch(new URL('precache.json', base), { cache: 'no-store' }),
  ]);
  if (!page.ok || !list.ok)
    throw new Error(`precache: index.html ${page.status}, precache.json ${list.status}`);
  const files = (await list.json()) as string[];
  await cache.put(base.href, page.clone());
  await cache.put(new URL('index.html', base).href, page);
  await cache.addAll(files.filter((f) => f !== 'index.html').map((f) => new URL(f, base).href));
}

sw.addEventListener('install', (e) => {
  e.waitUntil(precache().then(() => sw.skipWaiting()));
});

sw.addEventListener('activate', (e) => {
  e.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => sw.clients.claim()),
  );
});

sw.addEventListener('fetch', (e) => {
  const req = e.request;
  const url = new URL(req.url);
  if (req.method !== 'GET' || url.origin !== sw.location.origin) return;
  if (url.pathname.startsWith('/socket.io') || url.pathname.startsWith('/api') || url.pathname === '/healthz')
    return;
  const key = req.mode === 'navigate' ? new URL('./', sw.location.href).href : req;
  e.respondWith(
    (async () => {
      const cache = caches.open(CACHE);
      try {
        const res = await fetch(req);
        // Issue 10, cold start: the page gets the response at once and the copy for an offline
        // start is written beside it (the worker lives until it is). Written first, a reload's
        // page waited 40–80 ms for each file's copy in CacheStorage (bench/README.md).
        if (res.ok) {
          const copy = res.clone(); // now: the page starts reading `res` once it is returned
          e.waitUntil(cache.then((c) => c.put(key, copy)).catch(() => undefined));
        }
        return res;
      } catch (err) {
        const c = await cache;
        const hit = (await c.match(key)) ?? (await c.match(req, { ignoreSearch: true }));
        if (hit) return hit;
        throw err;
      }
    })(),
  );
});
