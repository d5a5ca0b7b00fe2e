import { existsSync, mkdirSync } from 'node:fs';
import pg from 'pg';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CLIENT_DIST, PROJECT_ROOT } from '../../server/paths.js';
import { dropDatabase } from '../../server/db/ensure-database.js';
import { testConfig } from './test-env.js';
import { startFakeTwilioServer } from './fake-twilio-server.js';
import { chromiumPath, howToInstall } from './chromium.js';

/** Debian's Chromium, headless; never a downloaded browser (the root hooks install it when they can). */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) throw new Error(howToInstall(executablePath));
  return chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/** The console must be built for the server to serve it; build it once if this checkout has not yet. */
export function ensureClientBuilt(): void {
  if (existsSync(path.join(CLIENT_DIST, 'index.html'))) return;
  const r = spawnSync('npm', ['run', 'build:client'], { cwd: PROJECT_ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('npm run build:client failed');
}

export interface StartedProduct {
  url: string;
  databaseUrl: string;
  stdout: () => string;
  stop(): Promise<void>;
}

/**
 * Runs the product exactly as `npm start` does (server/main.ts: migrate, demo data, server and workers)
 * on a fresh database of its own and an ephemeral port, and waits for the banner.
 */
export async function startProduct(name: string, extraEnv: Record<string, string> = {}): Promise<StartedProduct> {
  ensureClientBuilt();
  const base = testConfig();
  const env = {
    PATH: process.env.PATH!,
    DATABASE_URL: base.DATABASE_URL.replace(/\/([^/]+)$/, `/$1_${name}`),
    REDIS_URL: base.REDIS_URL,
    REDIS_PREFIX: `${base.REDIS_PREFIX}_${name}`,
    PORT: '0',
    HOST: '127.0.0.1',
    DEMO_DATA: 'auto',
    ...extraEnv,
  };
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { cwd: PROJECT_ROOT, env });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no banner within 60 s:\n${out}`)), 60_000);
    const check = () => {
      const m = out.match(/hotline111 is running: (http:\/\/\S+)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', check);
    child.on('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${out}`)));
  });
  return {
    url,
    databaseUrl: env.DATABASE_URL,
    stdout: () => out,
    async stop() {
      if (child.exitCode == null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      await dropDatabase(env.DATABASE_URL);
    },
  };
}

/**
 * `npm start` with Twilio signing (outbound SMS held in the outbox; Twilio's REST API a local fake that records what
 * the product asks of it), a SQL client on its database, and a browser page.
 */
export async function productWithBrowser(name: string, publicBaseUrl: string, twilioEnv: Record<string, string>) {
  const twilioApi = await startFakeTwilioServer();
  const product = await startProduct(name, { ...twilioEnv, PUBLIC_BASE_URL: publicBaseUrl, OUTBOUND_SMS: 'outbox', TWILIO_API_URL: twilioApi.url });
  const db = new pg.Client({ connectionString: product.databaseUrl });
  await db.connect();
  const browser = await launchBrowser();
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  mkdirSync('test-results', { recursive: true });
  return {
    product,
    db,
    page,
    twilio: twilioApi.twilio,
    async close() {
      await browser.close();
      await db.end();
      await product.stop();
      await twilioApi.close();
    },
  };
}

/** Logs a demo user in through the login page and waits for their landing page. */
export async function loginInBrowser(page: Page, url: string, username: string, landing: string): Promise<void> {
  await page.goto(`${url}/login`);
  await page.fill('input[name="username"]', username);
  await page.fill('input[name="password"]', 'hotline111-demo');
  await page.click('button[type="submit"]');
  await page.getByTestId(`landing-${landing}`).waitFor();
}

export type ProductSession = Awaited<ReturnType<typeof productWithBrowser>>;

/** Registers before/after hooks that start and stop a product with a browser; read its fields inside the tests. */
export function withProductAndBrowser(name: string, publicBaseUrl: string, twilioEnv: Record<string, string>): ProductSession {
  const session = {} as ProductSession;
  before(async () => Object.assign(session, await productWithBrowser(name, publicBaseUrl, twilioEnv)));
  after(async () => session.close?.());
  return session;
}
