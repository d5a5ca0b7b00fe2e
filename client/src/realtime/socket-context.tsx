import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../shared/index.js';

export type ConsoleSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline';

interface RealtimeValue {
  socket: ConsoleSocket | null;
  status: ConnectionStatus;
  /** Rooms the server put this socket in (from 'session:ready'). */
  rooms: readonly string[];
}

const RealtimeContext = createContext<RealtimeValue>({ socket: null, status: 'offline', rooms: [] });

interface Props {
  children: ReactNode;
  /** Called when the server ends the session (logout elsewhere, account disabled, expiry). */
  onSessionEnded: (reason: 'logout' | 'disabled' | 'expired') => void;
  /** Called when the server refuses the handshake: the cookie may have expired. */
  onRefused?: () => void;
}

/** One Socket.IO connection per signed-in console: opened on mount (after login), closed on unmount (logout). */
export function RealtimeProvider({ children, onSessionEnded, onRefused }: Props) {
  const [socket, setSocket] = useState<ConsoleSocket | null>(null);
  const [status, setStatus] = useState<ConnectionStatus>('connecting');
  const [rooms, setRooms] = useState<readonly string[]>([]);
  const callbacks = useRef({ onSessionEnded, onRefused });
  callbacks.current = { onSessionEnded, onRefused };

  useEffect(() => {
    // WebSocket first; long-polling when a network or proxy breaks WebSocket. Polling across several servers needs
    // the load balancer's sticky sessions, which the shipped one has (deploy/haproxy.cfg, README "Running in production").
    const s: ConsoleSocket = io({ withCredentials: true, transports: ['websocket', 'polling'], tryAllTransports: true });
    setSocket(s);
    setStatus('connecting');
    s.on('connect', () => setStatus('connected'));
    s.on('disconnect', () => setStatus(s.active ? 'reconnecting' : 'offline'));
    s.on('connect_error', () => {
      // socket.active is false when the server's middleware refused us; it will not retry by itself.
      setStatus(s.active ? 'reconnecting' : 'offline');
      if (!s.active) callbacks.current.onRefused?.();
    });
    s.on('session:ready', (payload) => setRooms(payload.rooms));
    s.on('session:ended', ({ reason }) => {
      s.disconnect();
      callbacks.current.onSessionEnded(reason);
    });
    return () => {
      s.removeAllListeners();
      s.disconnect();
      setSocket(null);
    };
  }, []);

  return <RealtimeContext value={{ socket, status, rooms }}>{children}</RealtimeContext>;
}

export function useRealtime(): RealtimeValue {
  return useContext(RealtimeContext);
}

/** Subscribes a component to one server event for as long as it is mounted. */
export function useServerEvent<E extends keyof ServerToClientEvents>(event: E, handler: ServerToClientEvents[E]): void {
  const { socket } = useRealtime();
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    if (!socket) return;
    const listener = ((...args: Parameters<ServerToClientEvents[E]>) =>
      (latest.current as (...a: unknown[]) => void)(...args)) as ServerToClientEvents[E];
    // socket.io's overloads cannot follow a generic event name, hence the casts.
    (socket.on as (ev: E, l: ServerToClientEvents[E]) => void)(event, listener);
    return () => {
      (socket.off as (ev: E, l: ServerToClientEvents[E]) => void)(event, listener);
    };
  }, [socket, event]);
}
