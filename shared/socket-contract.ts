import type { SessionUser } from './schemas/auth.js';

/** Acknowledgement shape for every client→server event. */
export type Ack<T> = { data: T } | { error: { code: string; message: string; fields?: Record<string, string> } };

export interface ServerToClientEvents {
  /** Sent once after the handshake: who the socket is and which rooms it joined. */
  'session:ready': (payload: { user: SessionUser; rooms: string[] }) => void;
  /** The session was ended (logout, account disabled): the client must return to the login page. */
  'session:ended': (payload: { reason: 'logout' | 'disabled' | 'expired' }) => void;
}

export interface ClientToServerEvents {
  /** Round trip used by the console to show connection health. */
  'system:ping': (ack: (res: Ack<{ serverTime: string }>) => void) => void;
}

export interface InterServerEvents {}

export interface SocketData {
  user: SessionUser;
  sessionId: string;
}
