import { sql } from 'kysely';
import { Router } from 'express';
import type { AppContext } from '../app-context.js';

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms).unref())]);
}

/**
 * /healthz: the process answers. /readyz: PostgreSQL and Redis answer too (for load balancers and orchestrators);
 * 503 at once, without asking either, while the server shuts down (`draining`), so a balancer stops sending here.
 */
export function healthRouter(ctx: AppContext, draining: () => boolean = () => false): Router {
  const router = Router();
  const started = Date.now();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', uptimeSeconds: Math.round((Date.now() - started) / 1000) });
  });
  router.get('/readyz', async (_req, res) => {
    if (draining()) {
      res.status(503).json({ status: 'shutting_down' });
      return;
    }
    const check = async (fn: () => Promise<unknown>) => {
      try {
        await withTimeout(fn(), 2000);
        return 'ok';
      } catch (err) {
        return `unreachable: ${(err as Error).message}`;
      }
    };
    const [postgres, redis] = await Promise.all([
      check(() => sql`select 1`.execute(ctx.db)),
      check(() => ctx.redis.ping()),
    ]);
    const ready = postgres === 'ok' && redis === 'ok';
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not_ready', postgres, redis });
  });
  return router;
}
