import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse } from 'node:querystring';
import { DomainError } from '../domain/errors.js';
import { asDomainError } from '../http/db-errors.js';
import type { Logger } from '../logger.js';
import type { FormParams } from './twilio-signature.js';

export class BodyTooLargeError extends DomainError {
  override readonly status = 413;
  override readonly code = 'invalid';
}

/**
 * Reads a small application/x-www-form-urlencoded body (any other type reads as no parameters). Larger than
 * `limit` bytes: a BodyTooLargeError, and the rest is not read.
 */
export function readForm(req: IncomingMessage, limit: number): Promise<FormParams> {
  return new Promise((resolve, reject) => {
    const isForm = (req.headers['content-type'] ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded');
    const tooLarge = () => new BodyTooLargeError('request body too large', { body: `at most ${limit} bytes` });
    if (Number(req.headers['content-length'] ?? 0) > limit) {
      req.resume();
      return reject(tooLarge());
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        return reject(tooLarge());
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(isForm ? { ...parse(Buffer.concat(chunks, size).toString('utf8')) } : {}));
    req.on('error', reject);
  });
}

const HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'same-origin',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

export function send(res: ServerResponse, status: number, type: string, body: string | Buffer = ''): void {
  res.writeHead(status, { ...HEADERS, 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

/** The same answers as the API's error middleware: domain errors by their status, anything else a 500 with a reference. */
export function sendError(res: ServerResponse, thrown: unknown, log: Logger, where: string): void {
  const err = asDomainError(thrown);
  if (err instanceof DomainError) {
    const body = { error: { code: err.code, message: err.message, ...(err.fields && { fields: err.fields }) } };
    return send(res, err.status, 'application/json; charset=utf-8', JSON.stringify(body));
  }
  const id = randomUUID();
  log.error(`unhandled error ${id} on POST ${where}: ${(err as Error)?.stack ?? String(err)}`);
  send(res, 500, 'application/json; charset=utf-8', JSON.stringify({ error: { code: 'internal', message: `internal error (reference ${id})` } }));
}
