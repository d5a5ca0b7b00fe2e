import { createLogger, type Logger } from '../../server/logger.js';

/**
 * The product's real loggers (pino, JSON lines), writing into `lines` instead of stdout: one per process role, at
 * debug level so that every line a run could print is seen.
 */
export function logCapture() {
  const lines: string[] = [];
  const destination = { write: (chunk: string) => void lines.push(...chunk.split('\n').filter(Boolean)) };
  const logger = (role: string): Logger => createLogger(role, { level: 'debug', destination });
  return { lines, logger, parsed: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}
