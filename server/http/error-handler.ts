import { randomUUID } from 'node:crypto';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { DomainError, TooManyRequestsError } from '../domain/errors.js';
import type { Logger } from '../logger.js';
import { fromDatabaseError } from './db-errors.js';

/** One place maps errors to HTTP. Unknown errors get an id in the log and a generic answer: no internals leak. */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (thrown, req, res, _next) => {
    const mapped = thrown instanceof DomainError ? null : fromDatabaseError(thrown);
    // The schemas should have refused this input: say which route let it through (the code only, never the value).
    if (mapped) log.warn(`database refused input on ${req.method} ${req.route?.path ?? req.path}: ${(thrown as { code?: string }).code}`);
    const err = mapped ?? thrown;
    if (err instanceof DomainError) {
      if (err instanceof TooManyRequestsError) res.setHeader('Retry-After', String(err.retryAfterSeconds));
      res.status(err.status).json({ error: { code: err.code, message: err.message, ...(err.fields && { fields: err.fields }) } });
      return;
    }
    // body-parser errors: malformed JSON, body too large, wrong charset.
    const status = (err as { status?: number; type?: string }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const type = (err as { type?: string }).type;
      const message =
        type === 'entity.parse.failed' ? 'malformed JSON body' : type === 'entity.too.large' ? 'request body too large' : 'bad request';
      res.status(status).json({ error: { code: 'invalid', message, fields: { body: message } } });
      return;
    }
    const id = randomUUID();
    log.error(`unhandled error ${id} on ${req.method} ${req.path}: ${(err as Error)?.stack ?? String(err)}`);
    res.status(500).json({ error: { code: 'internal', message: `internal error (reference ${id})` } });
  };
}

export const notFoundApi: RequestHandler = (req, res) => {
  res.status(404).json({ error: { code: 'not_found', message: `no route ${req.method} ${req.path}` } });
};
