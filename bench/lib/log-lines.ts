/**
 * Which lines of a server's or workers' output a benchmark shows: the JSON log lines at warn or above ("level":
 * "warn" | "error" | "fatal"), and plain lines that say WARN or ERROR (a crash's trace, a library's own print).
 */
export function isWarnOrError(line: string): boolean {
  const level = jsonLevel(line);
  return level ? level === 'warn' || level === 'error' || level === 'fatal' : /\b(WARN|ERROR)\b/.test(line);
}

export function isError(line: string): boolean {
  const level = jsonLevel(line);
  return level ? level === 'error' || level === 'fatal' : /\bERROR\b/.test(line);
}

/** pino's lines begin with their level (server/logger.ts): {"level":"warn",… — no JSON parse per line. */
function jsonLevel(line: string): string | null {
  return /^\{"level":"(\w+)"/.exec(line)?.[1] ?? null;
}
