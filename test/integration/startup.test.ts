import { spawn } from 'node:child_process';
import { expect } from 'chai';
import { testConfig } from '../support/test-env.js';
import { dropDatabase } from '../../server/db/ensure-database.js';

/** Runs a process entry point with an environment and collects how it ends. */
function run(entry: string, env: Record<string, string>, timeoutMs = 40_000) { // generous: the machine may be busy
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', entry], { env: { PATH: process.env.PATH!, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`did not exit within ${timeoutMs} ms: ${stdout} ${stderr}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('start-up: clear one-line failures', function () {
  this.timeout(60_000);
  const good = () => {
    const c = testConfig();
    return { DATABASE_URL: c.DATABASE_URL, REDIS_URL: c.REDIS_URL, REDIS_PREFIX: c.REDIS_PREFIX, PORT: '0', DEMO_DATA: 'off' };
  };
  const lines = (s: string) => s.trim().split('\n').filter((l) => !l.includes('nodedir'));

  it('names a wrong configuration value and exits non-zero', async () => {
    const r = await run('server/server-main.ts', { ...good(), PORT: 'abc' });
    expect(r.code).to.equal(1);
    expect(lines(r.stderr)).to.deep.equal(['Configuration error: PORT Invalid input: expected number, received NaN']);
  });

  it('says PostgreSQL is unreachable and how to start it', async () => {
    const r = await run('server/server-main.ts', { ...good(), DATABASE_URL: 'postgres://postgres@127.0.0.1:1/hotline111' });
    expect(r.code).to.equal(1);
    const out = lines(r.stderr);
    expect(out).to.have.length(1);
    expect(out[0]).to.match(/^PostgreSQL is not reachable at 127\.0\.0\.1:1 .*pg_ctlcluster/);
  });

  it('`npm start` (all in one) says which of PostgreSQL or Redis is missing, in one line, and how to start it', async function () {
    this.timeout(90_000);
    const pg = await run('server/main.ts', { ...good(), DATABASE_URL: 'postgres://postgres@127.0.0.1:1/hotline111' });
    expect(pg.code).to.equal(1);
    expect(lines(pg.stderr)).to.have.length(1);
    expect(lines(pg.stderr)[0]).to.match(/^PostgreSQL is not reachable at 127\.0\.0\.1:1 \(ECONNREFUSED\): start it with: pg_ctlcluster/);
    const redis = await run('server/main.ts', { ...good(), REDIS_URL: 'redis://127.0.0.1:1' });
    expect(redis.code).to.equal(1);
    expect(lines(redis.stderr)).to.have.length(1);
    expect(lines(redis.stderr)[0]).to.match(/^Redis is not reachable at 127\.0\.0\.1:1 \(ECONNREFUSED\): start it with: redis-server/);
  });

  it('`npm run migrate` creates a missing database and brings its schema up to date', async () => {
    const url = good().DATABASE_URL.replace(/\/([^/]+)$/, '/$1_cli');
    try {
      const r = await run('server/cli/migrate.ts', { ...good(), DATABASE_URL: url });
      expect(r.code, r.stderr).to.equal(0);
      expect(r.stdout).to.include('applied migrations: 0001-foundation');
      const again = await run('server/cli/migrate.ts', { ...good(), DATABASE_URL: url });
      expect(again.stdout).not.to.include('applied migrations');
      expect(again.stdout).to.include('up to date');
    } finally {
      await dropDatabase(url);
    }
  });

  it('says Redis is unreachable and how to start it', async () => {
    const r = await run('workers/main.ts', { ...good(), REDIS_URL: 'redis://127.0.0.1:1' });
    expect(r.code).to.equal(1);
    const out = lines(r.stderr);
    expect(out).to.have.length(1);
    expect(out[0]).to.match(/^Redis is not reachable at 127\.0\.0\.1:1 \(ECONNREFUSED\): start it with: redis-server/);
  });
});
