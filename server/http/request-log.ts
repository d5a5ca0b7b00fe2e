import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { withLogContext, type Logger } from '../logger.js';

/** An incoming X-Request-Id we keep (set by a proxy in front): a short token, nothing that could carry data. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{8,64}$/;

export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && SANE_REQUEST_ID.test(given) ? given : randomUUID();
}

/**
 * Every HTTP request (API, console, Twilio's webhooks) gets a request id: the proxy's X-Request-Id if sane, else a
 * new one, echoed in the response's X-Request-Id. Every line logged while handling it carries `reqId`, and one line
 * says how it ended: method, path (never the query string), status, time, and the user's id once logged in.
 */
export function handleWithRequestId(log: Logger, req: IncomingMessage, res: ServerResponse, handle: () => void): void {
  const reqId = requestIdOf(req);
  res.setHeader('X-Request-Id', reqId);
  const started = performance.now();
  const path = (req.url ?? '').split('?')[0]!.slice(0, 200);
  res.once('close', () => {
    const fields = {
      reqId,
      method: req.method,
      path,
      status: res.statusCode,
      ms: Math.round(performance.now() - started),
      userId: (req as { user?: { id?: number } }).user?.id,
      ...(!res.writableFinished && { aborted: true }),
    };
    if (path === '/healthz' || path === '/readyz') log.debug(fields, 'request');
    else log.info(fields, 'request');
  });
  withLogContext({ reqId }, handle);
}
