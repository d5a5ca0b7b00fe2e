import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppContext } from './app-context.js';
import { createApp } from './app.js';
import { handleWithRequestId } from './http/request-log.js';
import { twilioWebhooks } from './webhooks/twilio-webhooks.js';
import { createAuthService } from './domain/auth/auth.service.js';
import { attachSocketGateway, lateNotifier, socketNotifier, type IoServer } from './realtime/socket-gateway.js';

export interface RunningServer {
  url: string;
  port: number;
  io: IoServer;
  close(): Promise<void>;
}

/** HTTP API, console, Twilio's webhooks and Socket.IO on one port. `ctx.realtime` is bound to the gateway once it exists. */
export async function startHttpServer(
  base: Omit<AppContext, 'realtime'>,
  opts: { clientDist?: string } = {},
): Promise<RunningServer & { ctx: AppContext }> {
  const notifier = lateNotifier();
  const ctx: AppContext = { ...base, realtime: notifier };
  const app = createApp(ctx, opts);
  const webhooks = twilioWebhooks(ctx);
  const httpServer = createServer((req, res) =>
    handleWithRequestId(ctx.log, req, res, () => {
      if (!webhooks.handle(req, res)) app(req, res);
    }),
  );
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
    close: () =>
      new Promise<void>((resolve) => {
        stop();
        live.stop();
        io.close(() => resolve()); // also closes the HTTP server
        httpServer.closeAllConnections();
      }),
  };
}
