import { spawn, type ChildProcess } from 'node:child_process';
import { connect, createServer } from 'node:net';
import { Redis } from 'ioredis';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = connect(port, '127.0.0.1');
    sock.once('connect', () => {
      sock.destroy();
      resolve(true);
    });
    sock.once('error', () => resolve(false));
  });
}

/**
 * A Redis server of this test's own (the machine's redis-server binary, nothing on disk), for tests that must
 * FLUSHALL or kill Redis without touching the rest of the run. `down()` stops it (an outage) and `up()` starts it
 * again, empty, on the same port; `freeze(true)` makes it hang (connected, answering nothing), `freeze(false)` resumes.
 */
export async function privateRedisServer(): Promise<{
  url: string; client: Redis; down(): Promise<void>; up(): Promise<void>; freeze(on: boolean): void; stop(): Promise<void>;
}> {
  const port = await freePort();
  let child: ChildProcess | null = null;
  const url = `redis://127.0.0.1:${port}`;
  // Never outlive the test run, whatever happens to it.
  const kill = () => child?.kill('SIGKILL');
  process.once('exit', kill);
  const up = async () => {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    const end = Date.now() + 10_000;
    while (!(await accepts(port))) {
      if (Date.now() > end) {
        kill();
        throw new Error(`redis-server on port ${port} did not start`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const down = async () => {
    const c = child;
    child = null;
    if (!c || c.exitCode !== null) return;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill('SIGTERM');
    await exited;
  };
  await up();
  const client = new Redis(url, { maxRetriesPerRequest: null });
  client.on('error', () => {}); // reconnects after up()
  await client.ping();
  return {
    url,
    client,
    down,
    up,
    freeze: (on) => void child?.kill(on ? 'SIGSTOP' : 'SIGCONT'),
    async stop() {
      process.off('exit', kill);
      child?.kill('SIGCONT');
      client.disconnect();
      await down();
    },
  };
}
