/**
 * `npm start`: one process for a single machine: migrates, loads the demo data into an empty database,
 * then serves the console (API + Socket.IO) and runs the workers.
 */
import { runProcess } from './bootstrap/run.js';
import { startHttpServer } from './http-server.js';
import { demoDataWanted, loadDemoDataIfEmpty, workingDemoLogins, type DemoLogin } from './seed/demo-data.js';
import { startWorkers } from '../workers/run-workers.js';
import { vapidKeys } from './domain/push/vapid-keys.js';

await runProcess('hotline111', async (ctx) => {
  let logins: DemoLogin[] = [];
  if (demoDataWanted(ctx.config)) {
    if (await loadDemoDataIfEmpty(ctx.db, ctx.log, ctx.config)) ctx.log.info('loaded the demo data into the empty database');
    logins = await workingDemoLogins(ctx.db);
  }
  // Development without VAPID keys configured: a pair generated now, once, and kept (devices stay subscribed).
  await vapidKeys(ctx);
  const workers = await startWorkers(ctx);
  const server = await startHttpServer(ctx);
  printBanner(server.url, logins, phoneLine(ctx.voice.mode, !!ctx.config.softphone));
  return [workers, server];
});

/** Which phone line this is, said at start so nobody mistakes the training line for the real one. */
function phoneLine(mode: 'twilio' | 'training', softphone: boolean): string {
  if (mode === 'training') return 'the training line (no Twilio configured): supervisors place simulated calls from their board';
  return softphone ? 'Twilio, with the console softphone' : 'Twilio, to desk phones and SIP (no softphone: TWILIO_API_KEY_SID… unset)';
}

function printBanner(url: string, logins: DemoLogin[], line: string) {
  const lines = [``, `  hotline111 is running: ${url}`, `  Phone line: ${line}`];
  if (logins.length) {
    lines.push(``, `  Demo logins (password "${logins[0]!.password}"):`);
    for (const l of logins) lines.push(`    ${l.username.padEnd(12)} ${l.role.padEnd(15)} ${l.description}`);
    lines.push(``, `  Demo accounts are for trying the product: disable them before real use.`);
  }
  console.log(lines.join('\n') + '\n');
}
