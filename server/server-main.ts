/** `npm run start:server`: the API, console and Socket.IO gateway only (scale out with several of these behind a load balancer). */
import { runProcess } from './bootstrap/run.js';
import { startHttpServer } from './http-server.js';

await runProcess('server', async (ctx) => {
  const server = await startHttpServer(ctx);
  ctx.log.info(`hotline111 console on ${server.url}`);
  return [server];
});
