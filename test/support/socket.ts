import { io as connect, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ContactChange, ContactSummary, ServerToClientEvents } from '../../shared/index.js';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A real socket.io-client connection carrying a session cookie (or none). */
export function socketFor(baseUrl: string, cookie?: string, headers: Record<string, string> = {}): ClientSocket {
  return connect(baseUrl, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: { ...(cookie && { cookie }), ...headers },
  });
}

export function once<T = unknown>(socket: ClientSocket, event: string, timeoutMs = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "${event}" within ${timeoutMs} ms`)), timeoutMs);
    (socket as any).once(event, (payload: T) => {
      clearTimeout(timer);
      resolve(payload);
    });
  });
}

/** Connects and resolves once the server has put the socket in its rooms (the listener is attached at creation). */
export async function readySocket(baseUrl: string, cookie: string): Promise<ClientSocket> {
  const s = socketFor(baseUrl, cookie);
  await once(s, 'session:ready');
  return s;
}

/** The first queue change ('contacts:changed' lists several) that matches, e.g. a given contact being closed. */
export function contactChange(
  socket: ClientSocket,
  match: (c: ContactChange) => boolean,
  timeoutMs = 5000,
): Promise<ContactSummary> {
  return new Promise((resolve, reject) => {
    const listener = (changes: ContactChange[]) => {
      const hit = changes.find(match);
      if (!hit) return;
      clearTimeout(timer);
      socket.off('contacts:changed', listener);
      resolve(hit.contact);
    };
    const timer = setTimeout(() => {
      socket.off('contacts:changed', listener);
      reject(new Error(`no matching contacts:changed within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on('contacts:changed', listener);
  });
}
