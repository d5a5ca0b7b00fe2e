import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HAPROXY_CFG } from './haproxy-config.js';
import { freePort } from './redis-server.js';

/** The machine's HAProxy (HAPROXY_BIN, or `haproxy` on the PATH), or null when there is none. */
export function haproxyBinary(): string | null {
  const bin = process.env.HAPROXY_BIN ?? 'haproxy';
  return spawnSync(bin, ['-v'], { stdio: 'ignore' }).status === 0 ? bin : null;
}

/**
 * HAProxy running deploy/haproxy.cfg as shipped, but for two lines: it listens on a free local port instead of
 * :8080, and its servers are the given local app servers instead of Docker's `app` replicas.
 */
export async function startHaproxy(bin: string, backends: string[]): Promise<{ url: string; close(): Promise<void> }> {
  const port = await freePort();
  const servers = backends.map((b, i) => `    server app${i + 1} ${new URL(b).host} check`).join('\n');
  const shipped = readFileSync(HAPROXY_CFG, 'utf8');
  const cfg = shipped.replace(/^ {4}bind :8080$/m, `    bind 127.0.0.1:${port}`).replace(/^ {4}server-template .*$/m, servers);
  if (cfg.includes('bind :8080') || !cfg.includes('server app1 ')) throw new Error('deploy/haproxy.cfg changed shape: update startHaproxy');
  const dir = mkdtempSync(path.join(tmpdir(), 'h111-haproxy-'));
  writeFileSync(path.join(dir, 'haproxy.cfg'), cfg);
  const child = spawn(bin, ['-db', '-f', path.join(dir, 'haproxy.cfg')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill); // never outlive the test run
  const url = `http://127.0.0.1:${port}`;
  const end = Date.now() + 10_000;
  while (!(await fetch(`${url}/healthz`).then((r) => r.ok, () => false))) {
    if (Date.now() > end || child.exitCode != null) {
      kill();
      throw new Error(`haproxy did not start on port ${port}: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    async close() {
      process.off('exit', kill);
      child.kill('SIGTERM');
      if (child.exitCode == null) await new Promise((r) => child.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
