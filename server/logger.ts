import { AsyncLocalStorage } from 'node:async_hooks';
import { pino, type DestinationStream } from 'pino';

/**
 * Structured logs (pino): one JSON line per event on stdout, with the process's role (server, workers, all-in-one),
 * and, inside an HTTP request or a job, its request id or queue and job id (see withLogContext). Never pass victim
 * data to it: internal ids and counts only.
 */
export type LogFields = Record<string, string | number | boolean | null | undefined | number[]>;

export interface LogFn {
  (msg: string): void;
  (fields: LogFields, msg: string): void;
}

export interface Logger {
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
  /** A logger whose lines all carry these fields, e.g. `log.child({ queue, jobId })`. */
  child(fields: LogFields): Logger;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const context = new AsyncLocalStorage<LogFields>();

/** Runs fn with these fields on every line logged inside it, however deep (an HTTP request's id, a job's queue and id). */
export function withLogContext<T>(fields: LogFields, fn: () => T): T {
  return context.run({ ...context.getStore(), ...fields }, fn);
}

/** What a log line must never carry, should a request, its headers or a body ever be passed to it. */
const REDACT = ['req.headers.cookie', 'req.headers.authorization', 'req.body', 'res.headers["set-cookie"]', 'body', '*.body'];

/**
 * `silent` (tests): errors only, as before. `level`: LOG_LEVEL. `destination`: where the lines go (stdout, written
 * asynchronously, unless a test captures them).
 */
export function createLogger(role: string, opts: { level?: LogLevel; silent?: boolean; destination?: DestinationStream } = {}): Logger {
  const options: pino.LoggerOptions = {
    level: opts.silent ? 'error' : (opts.level ?? 'info'),
    base: { role, pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) }, // "level":"warn", readable by people and by grep
    mixin: () => ({ ...context.getStore() }), // a copy: pino merges the line's own fields into what this returns
    redact: { paths: REDACT, censor: '[redacted]' },
  };
  // stdout written asynchronously: under load the lines that queue behind a write go out together in the next one
  // (one system call for many lines, not one each); pino flushes what is left when the process exits.
  return pino(options, opts.destination ?? pino.destination({ dest: 1, sync: false }));
}

let processLog: Logger | null = null;

/** The process's logger (set by start-up), for the few places that have no context: a pool's idle-client error. */
export function processLogger(): Logger {
  return (processLog ??= createLogger('process'));
}

export function setProcessLogger(log: Logger): void {
  processLog = log;
}
