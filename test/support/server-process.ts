import { spawn, type ChildProcess } from 'node:child_process';

export interface ServerProcess {
  child: ChildProcess;
  baseUrl: string;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** Its exit code, once it exited. */
  exited: Promise<number | null>;
  /** SIGKILL if still running (cleanup). */
  kill(): void;
}

/**
 * `npm run start:server` as a child process of the test (a real process, for signals), with this environment only;
 * resolves once it says on which URL it serves.
 */
export async function startServerProcess(env: Record<string, string>, timeoutMs = 60_000): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/server-main.ts'], { env: { PATH: process.env.PATH!, PORT: '0', HOST: '127.0.0.1', ...env } });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const kill = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  process.once('exit', kill);
  const port = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start within ${timeoutMs} ms:\n${out}`)), timeoutMs);
    const look = () => {
      const m = out.match(/console on http:\/\/[^:]+:(\d+)/);
      if (m) {
        clearTimeout(timer);
        child.stdout!.off('data', look);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', look);
    void exited.then((code) => reject(new Error(`the server exited (${code}) before serving:\n${out}`)));
  });
  return { child, baseUrl: `http://127.0.0.1:${port}`, output: () => out, exited, kill };
}
