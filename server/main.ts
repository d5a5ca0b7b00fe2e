/**
 * `npm start`: one process for a single machine: migrates, loads the demo data into an empty database,
 * then serves the console (API + Socket.IO) and runs the workers.
 */
import { runProcess } from './bootstrap/run.js';
import { startHttpServer } from './http-server.js';
import { loadDemoDataIfEmpty, type DemoLogin } from './seed/demo-data.js';
import { startWorkers } from '../workers/run-workers.js';

await runProcess('hotline111', async (ctx) => {
  let logins: DemoLogin[] | null = null;
  if (ctx.config.DEMO_DATA === 'auto') {
    logins = await loadDemoDataIfEmpty(ctx.db, ctx.log);
    if (logins) ctx.log.info('loaded the demo data into the empty database');
  }
  const workers = await startWorkers(ctx);
  const server = await startHttpServer(ctx);
  printBanner(server.url, logins);
  return [workers, server];
});

function printBanner(url: string, logins: DemoLogin[] | null) {
  const lines = [``, `  hotline111 is running: ${url}`];
  if (logins) {
    lines.push(``, `  Demo logins (password "${logins[0]?.password}"):`);
    for (const l of logins) lines.push(`    ${l.username.padEnd(12)} ${l.role.padEnd(15)} ${l.description}`);
    lines.push(`  These are printed once, when the demo data is loaded; change them before real use.`);
  } else {
    lines.push(`  (Demo data is loaded only into an empty database; demo users keep password "hotline111-demo" unless changed.)`);
  }
  console.log(lines.join('\n') + '\n');
}
