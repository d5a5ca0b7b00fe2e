/** A tiny structured-enough logger. Never pass victim data to it: ids and counts only. */
export interface Logger {
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

export function createLogger(name: string, opts: { silent?: boolean } = {}): Logger {
  const line = (level: string, msg: string) => `${new Date().toISOString()} ${level} [${name}] ${msg}`;
  if (opts.silent) return { info() {}, warn() {}, error: (m) => console.error(line('ERROR', m)) };
  return {
    info: (m) => console.log(line('INFO', m)),
    warn: (m) => console.warn(line('WARN', m)),
    error: (m) => console.error(line('ERROR', m)),
  };
}
