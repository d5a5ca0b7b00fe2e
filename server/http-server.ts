import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppContext } from './app-context.js';
import { createApp } from './app.js';
import { handleWithRequestId } from './http/request-log.js';
import { twilioWebhooks } from './webhooks/twilio-webhooks.js';
import { createAuthService } from './domain/auth/auth.service.js';
import { drainer } from './http/drain.js';
import { attachSocketGateway, lateNotifier, socketNotifier, type IoServer } from './realtime/socket-gateway.js';

export interface RunningServer {
  url: string;
  port: number;
  io: IoServer;
  /**
   * Graceful stop: /readyz turns 503 at once; after SHUTDOWN_READY_DELAY_MS the listener closes, Socket.IO clients
   * are dropped at the transport (they reconnect by themselves, to another node), and requests in flight get
   * SHUTDOWN_DRAIN_SECONDS to finish before what is left is cut.
   */
  close(): Promise<void>;
}

/** Longer than any balancer's idle timeout in front of us (see startHttpServer). */
export const KEEP_ALIVE_MS = 65_000;

/** HTTP API, console, Twilio's webhooks and Socket.IO on one port. `ctx.realtime` is bound to the gateway once it exists. */
export async function startHttpServer(
  base: Omit<AppContext, 'realtime'>,
  opts: { clientDist?: string } = {},
): Promise<RunningServer & { ctx: AppContext }> {
  const notifier = lateNotifier();
  const ctx: AppContext = { ...base, realtime: notifier };
  let shuttingDown = false;
  const app = createApp(ctx, { ...opts, draining: () => shuttingDown });
  const webhooks = twilioWebhooks(ctx);
  const httpServer = createServer((req, res) => {
    drain.track(res);
    handleWithRequestId(ctx.log, req, res, () => {
      if (!webhooks.handle(req, res)) app(req, res);
    });
  });
  // An idle keep-alive connection is closed by the client or the balancer, never first by us: a request sent on a
  // connection at the instant we close it is reset, and a POST (a wrap-up) is not retried by anyone. The balancer's
  // idle timeouts are at most 60 s (deploy/haproxy.cfg); Node's default of 5 s reset wrap-ups under load.
  httpServer.keepAliveTimeout = KEEP_ALIVE_MS;
  httpServer.headersTimeout = KEEP_ALIVE_MS + 1000;
  const drain = drainer(httpServer);
  const { io, presenceChanged, stop } = attachSocketGateway(httpServer, ctx, createAuthService(ctx));
  const live = socketNotifier(io, presenceChanged);
  notifier.bind(live);
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(ctx.config.PORT, ctx.config.HOST, () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  const host = ctx.config.HOST === '0.0.0.0' || ctx.config.HOST === '::' ? 'localhost' : ctx.config.HOST;
  return {
    ctx,
    io,
    port,
    url: `http://${host}:${port}`,
    close: async () => {
      if (shuttingDown) return;
      shuttingDown = true;
      if (ctx.config.SHUTDOWN_READY_DELAY_MS) await new Promise((r) => setTimeout(r, ctx.config.SHUTDOWN_READY_DELAY_MS));
      const drained = drain.drain(ctx.config.SHUTDOWN_DRAIN_SECONDS * 1000); // stops accepting first
      stop();
      live.stop();
      // Closes every engine.io transport: the client sees "transport close", which it reconnects after (the
      // console's socket keeps socket.io's default reconnection), through the load balancer to a node still up.
      io.close().catch((e) => ctx.log.warn(`shutdown: socket.io: ${(e as Error).message}`));
      const { drained: clean, cut } = await drained;
      if (!clean) ctx.log.warn(`shutdown: ${cut} request(s) still running after ${ctx.config.SHUTDOWN_DRAIN_SECONDS} s were cut`);
    },
  };
}
