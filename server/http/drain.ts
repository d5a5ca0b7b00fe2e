import type { Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export interface Drainer {
  /** Counts a request in flight until its response is finished or its connection is gone. */
  track(res: ServerResponse): void;
  readonly draining: boolean;
  /** Resolves once every connection ended, or at the deadline after cutting what is left; says which. */
  drain(timeoutMs: number): Promise<{ drained: boolean; cut: number }>;
}

/**
 * A graceful stop with node's own http.Server. Neither http-terminator nor lightship is installed, and node ≥ 19
 * does what they add: server.close() stops accepting and closes idle keep-alive connections
 * (closeIdleConnections). What they still do, done here: a response in flight, or a request arriving on an open
 * keep-alive connection meanwhile, is answered with `Connection: close` so its client sends nothing more on that
 * connection (no reset race), connections that turn idle are closed as they do, and at the deadline whatever is
 * left (a hung request, a WebSocket that never answered its close) is cut.
 */
export function drainer(server: Server): Drainer {
  let draining = false;
  const inFlight = new Set<ServerResponse>();
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });
  const closeAfter = (res: ServerResponse) => {
    if (!res.headersSent) res.setHeader('Connection', 'close');
  };

  return {
    get draining() {
      return draining;
    },
    track(res) {
      if (draining) closeAfter(res);
      inFlight.add(res);
      const done = () => inFlight.delete(res);
      res.once('finish', done);
      res.once('close', done);
    },
    async drain(timeoutMs) {
      draining = true;
      for (const res of inFlight) closeAfter(res);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      const idle = setInterval(() => server.closeIdleConnections(), 50);
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
      const outcome = await Promise.race([closed.then(() => 'drained' as const), deadline]);
      clearInterval(idle);
      clearTimeout(timer);
      if (outcome === 'drained') return { drained: true, cut: 0 };
      const cut = inFlight.size;
      server.closeAllConnections();
      for (const s of sockets) s.destroy();
      await closed;
      return { drained: false, cut };
    },
  };
}
