/**
 * Service worker of browser mode: network first, the cached copy when the network fails, so the
 * app shell (index.html and its hashed assets) loads offline. Socket.io and /api are never cached.
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

/** index.html and the assets it references. */
async function precache(): Promise<void> {
  const cache = await caches.open(CACHE);
  const base = new URL('./', sw.location.href);
  const res = await fetch(new URL('index.html', base), { cache: 'no-store' });
  if (!res.ok) return;
  const html = await res.clone().text();
  await cache.put(new URL('./', base).href, res.clone());
  await cache.put(new URL('index.html', base).href, res);
  const assets = [...html.matchAll(/(?:src|href)="(\.\/assets\/[^"]+)"/g)].map(
    (m) => new URL(m[1] ?? '', base).href,
  );
  await cache.addAll(assets);
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
  e.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      try {
        const res = await fetch(req);
        if (res.ok)
          await cache.put(req.mode === 'navigate' ? new URL('./', sw.location.href).href : req, res.clone());
        return res;
      } catch (err) {
        const hit =
          (await cache.match(req.mode === 'navigate' ? new URL('./', sw.location.href).href : req)) ??
          (await cache.match(req, { ignoreSearch: true }));
        if (hit) return hit;
        throw err;
      }
    })(),
  );
});
