// The handbook's service worker; the build puts VERSION and FILES (per language, relative to this file) above.
// A language is cached when a page of it asks (see assets/javascripts/offline.js); a new version caches again,
// in full, every language the reader had, then takes over and deletes the old caches: one version, never mixed.
const PREFIX = "handbook-";
const cacheName = (part) => `${PREFIX}${part}-${VERSION}`;
const FILED = "files"; // PDFs and other files kept once opened online

const fresh = (address) => new Request(address, { cache: "reload" });

// An address no page has: a language's cache holds it once every one of its files is in.
const COMPLETE = "handbook-complete";

async function isComplete(name) {
  return (await caches.has(name)) && Boolean(await (await caches.open(name)).match(COMPLETE));
}

async function cacheLanguage(lang) {
  const name = cacheName(lang);
  if (!FILES[lang] || (await isComplete(name))) return;
  const cache = await caches.open(name);
  await cache.addAll(FILES[lang].map(fresh)); // stores nothing unless every file arrived
  await cache.put(COMPLETE, new Response(VERSION));
}

async function cacheWhatTheReaderHad() {
  for (const key of await caches.keys()) {
    const match = key.match(/^handbook-([\w-]+?)-([0-9a-f]{16})$/);
    if (!match || match[2] === VERSION) continue;
    if (match[1] === FILED) {
      // Kept again if the new build still has them; a PDF it dropped must not stop the update.
      const kept = await caches.open(cacheName(FILED));
      for (const request of await (await caches.open(key)).keys()) {
        const response = await fetch(fresh(request.url)).catch(() => undefined);
        if (response && response.status === 200) await kept.put(request, response);
      }
    } else {
      await cacheLanguage(match[1]);
    }
  }
}

self.addEventListener("install", (event) => {
  event.waitUntil(cacheWhatTheReaderHad().then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key.startsWith(PREFIX) && !key.endsWith(VERSION)).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("message", (event) => {
  // A language that fails to arrive whole is asked for again on the next page of it.
  if (event.data && event.data.cache) event.waitUntil(cacheLanguage(event.data.cache).catch(() => undefined));
});

async function fromCache(request) {
  for (const part of [...Object.keys(FILES), FILED]) {
    const name = cacheName(part);
    if (!(await caches.has(name))) continue;
    const hit = await (await caches.open(name)).match(request, { ignoreSearch: true });
    if (hit) return hit;
  }
  return undefined;
}

async function respond(request) {
  const cached = await fromCache(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.status === 200 && new URL(request.url).pathname.endsWith(".pdf")) {
    const kept = await caches.open(cacheName(FILED));
    await kept.put(request, response.clone());
  }
  return response;
}

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== self.location.origin) return;
  event.respondWith(respond(event.request));
});
