/**
 * The console's service worker: the app shell for a poor connection (the page loads from cache when the network
 * fails) and the push alerts. A push carries a case reference and a deadline only; the notification opens the inbox.
 * The API is never cached here: the inbox keeps its own last list (agency/inbox-cache.ts).
 */
interface PrecacheEntry {
  url: string;
  revision: string | null;
}
interface ExtendableEvent extends Event {
  waitUntil(p: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  request: Request;
  respondWith(r: Promise<Response> | Response): void;
}
interface PushEvent extends ExtendableEvent {
  data: { json(): unknown } | null;
}
interface NotificationEvent extends ExtendableEvent {
  notification: Notification;
}
interface WindowClient {
  url: string;
  focus(): Promise<WindowClient>;
  navigate(url: string): Promise<WindowClient | null>;
}
declare global {
  /** The list of built files the plugin injects into this worker (vite-plugin-pwa, injectManifest). */
  interface Window {
    __WB_MANIFEST: (PrecacheEntry | string)[];
  }
}
interface Worker {
  location: Location;
  skipWaiting(): Promise<void>;
  registration: { showNotification(title: string, options: NotificationOptions & { data?: unknown }): Promise<void> };
  clients: { claim(): Promise<void>; matchAll(o: { type: 'window'; includeUncontrolled: boolean }): Promise<WindowClient[]>; openWindow(url: string): Promise<unknown> };
  addEventListener(type: 'install' | 'activate', fn: (e: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', fn: (e: FetchEvent) => void): void;
  addEventListener(type: 'push', fn: (e: PushEvent) => void): void;
  addEventListener(type: 'notificationclick', fn: (e: NotificationEvent) => void): void;
}
const sw = self as unknown as Worker;
export {};

const SHELL = 'h111-shell-v1';
const assets = self.__WB_MANIFEST.map((e) => (typeof e === 'string' ? e : e.url)).map((u) => new URL(u, sw.location.origin).pathname);

sw.addEventListener('install', (e) => {
  e.waitUntil(caches.open(SHELL).then((c) => c.addAll(['/', ...assets.filter((a) => a !== '/index.html')])).then(() => sw.skipWaiting()));
});

sw.addEventListener('activate', (e) => {
  e.waitUntil(caches.keys().then((keys) => Promise.all(keys.filter((k) => k !== SHELL).map((k) => caches.delete(k)))).then(() => sw.clients.claim()));
});

sw.addEventListener('fetch', (e) => {
  const url = new URL(e.request.url);
  if (e.request.method !== 'GET' || url.origin !== sw.location.origin) return;
  if (/^\/(api|socket\.io|webhooks)\//.test(url.pathname)) return;
  if (e.request.mode === 'navigate') {
    // The page from the network when there is one (a new release), else the cached shell.
    e.respondWith(fetch(e.request).catch(async () => (await caches.match('/')) ?? Response.error()));
    return;
  }
  if (assets.includes(url.pathname)) e.respondWith(caches.match(e.request).then((hit) => hit ?? fetch(e.request)));
});

/** "LH-000123 · hạn 14:05 06/12": the deadline in Vietnam's time. */
function body(p: { ref?: unknown; deadline?: unknown }): string {
  const ref = typeof p.ref === 'string' ? p.ref : '';
  if (typeof p.deadline !== 'string') return ref;
  const due = new Date(p.deadline).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit' });
  return `${ref} · hạn ${due}`;
}

sw.addEventListener('push', (e) => {
  let p: { ref?: unknown; deadline?: unknown } = {};
  try {
    p = (e.data?.json() as typeof p) ?? {};
  } catch {
    /* an unreadable push still wakes the officer */
  }
  const ref = typeof p.ref === 'string' ? p.ref : 'h111';
  e.waitUntil(sw.registration.showNotification('Tổng đài 111', { body: body(p), tag: ref, icon: '/icons/icon-192.png', requireInteraction: true, data: { url: '/agency' } }));
});

sw.addEventListener('notificationclick', (e) => {
  e.notification.close();
  e.waitUntil(
    sw.clients.matchAll({ type: 'window', includeUncontrolled: true }).then(async (open) => {
      const inbox = open.find((c) => new URL(c.url).pathname.startsWith('/agency')) ?? open[0];
      if (inbox) return inbox.focus();
      return sw.clients.openWindow('/agency');
    }),
  );
});
