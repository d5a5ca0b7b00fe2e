/**
 * `npm run bench:sms-commands`: focal points accepting referrals by SMS ("NHAN <code>") through Twilio's signed
 * messaging webhook, at 20 commands/s (BENCH_RATE) for 20 s, with each agency's officer console open. Measures from
 * the inbound webhook to the webhook's answer (the referral's state is committed by then) and to the live
 * 'referral:updated' (accepted) in the agency's room; then checks every referral is accepted once, every command
 * recorded and answered. Target: p99 ≤ 100 ms to the live event. The last line is one JSON object.
 */
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { io } from 'socket.io-client';
import { issueReferralCode } from '../server/domain/sms-commands/codes.js';
import { traffickingWrapUp } from '../test/support/contacts.js';
import { cleanupBenchEnv, createBenchEnv, loginAll, stopProcess, type BenchEnv } from './lib/env.js';
import { claimedContacts, startRoutingStack } from './lib/routing-setup.js';
import { createTestAgencyOfficers } from './lib/routing-officers.js';
import { cpuMeter, now, pct, round } from './lib/stats.js';
import { signedForm } from './lib/voice-webhooks.js';
import { isError } from './lib/log-lines.js';

const RATE = Number(process.env.BENCH_RATE ?? 20);
const SECONDS = Number(process.env.BENCH_STEP_SECONDS ?? 20);
const WARMUP = 40;
const TARGET_P99_MS = 100;
const log = (s: string) => console.log(s);
const phoneOf = (agencyId: number) => `+8490${String(agencyId).padStart(7, '0')}`;

/** Referrals to act on: cases wrapped up through the API and routed by the workers, pending at a commune office. */
async function pendingReferrals(env: BenchEnv, cookie: string, opId: number, communes: { dataset: string; code: string; agencyId: number }[], n: number) {
  const ids = await claimedContacts(env.db, opId, n);
  for (let i = 0; i < ids.length; i += 16)
    await Promise.all(ids.slice(i, i + 16).map((id, k) => {
      const c = communes[(i + k) % communes.length]!;
      const body = JSON.stringify(traffickingWrapUp({ location: { kind: 'unit', dataset: c.dataset as 'vn-2025', code: c.code }, immediateDanger: false }));
      return fetch(`${env.baseUrl}/api/contacts/${id}/wrap-up`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body });
    }));
  const offices = [...new Set(communes.map((c) => c.agencyId))];
  const deadline = now() + 60_000;
  for (;;) {
    const r = await sql<{ id: number; agency_id: number }>`
      select r.id, r.agency_id from referrals r where r.contact_id = any(${ids}) and r.status = 'pending' and r.agency_id = any(${offices})`.execute(env.db);
    if (r.rows.length >= n * 0.95 || now() > deadline) return r.rows.map((x) => ({ id: Number(x.id), agencyId: x.agency_id }));
    await new Promise((res) => setTimeout(res, 500));
  }
}

async function main() {
  const env = await createBenchEnv();
  let server, workers;
  let summary: Record<string, unknown> = {};
  try {
    const stack = await startRoutingStack(env, log, isError);
    ({ server, workers } = stack);
    const { communes, opId, cookie } = stack;
    const agencyIds = [...new Set(communes.map((c) => c.agencyId))];
    const officers = await createTestAgencyOfficers(env, agencyIds);
    for (const o of officers) await env.db.updateTable('users').set({ phone: phoneOf(o.agencyId) }).where('username', '=', o.username).execute();

    const total = RATE * SECONDS;
    const referrals = await pendingReferrals(env, cookie, opId, communes, total + WARMUP);
    const codes = new Map<number, number>();
    for (const r of referrals) codes.set(r.id, await issueReferralCode(env.db, r.id, new Date(), 72));
    log(`setup: ${referrals.length} pending referrals at ${agencyIds.length} commune offices, each with a code and an officer's phone`);

    const accepted = new Map<number, number>();
    const cookies = await loginAll(env.baseUrl, officers);
    const sockets = await Promise.all(officers.map(async (o, i) => {
      const s = io(env.baseUrl, { transports: ['websocket'], extraHeaders: { cookie: cookies[i]! } });
      s.on('referral:updated', (r: { id: number; status: string }) => r.status === 'accepted' && !accepted.has(r.id) && accepted.set(r.id, now()));
      await new Promise((res) => s.once('session:ready', res));
      return s;
    }));

    const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
    const send = (r: { id: number; agencyId: number }) =>
      signedForm(agent, env, '/webhooks/twilio/messaging', { MessageSid: `SM${randomBytes(16).toString('hex')}`, From: phoneOf(r.agencyId), Body: `NHAN ${codes.get(r.id)}` });
    await Promise.all(referrals.slice(0, WARMUP).map(send)); // warm-up, not reported
    const measured = referrals.slice(WARMUP, WARMUP + total);
    const sentAt = new Map<number, number>();
    const answered: number[] = [];
    let errors = 0;
    const cpu = cpuMeter(() => ({ server: [server!.pid!], workers: [workers!.pid!], bench: [process.pid] }));
    const start = now();
    const inflight: Promise<void>[] = [];
    for (const [i, r] of measured.entries()) {
      const wait = start + (i * 1000) / RATE - now();
      if (wait > 1) await new Promise((res) => setTimeout(res, wait));
      const t0 = now();
      sentAt.set(r.id, t0);
      inflight.push(send(r).then((status) => void (status === 200 ? answered.push(now() - t0) : errors++), () => void errors++));
    }
    await Promise.all(inflight);
    const deadline = now() + 10_000;
    while (now() < deadline && measured.some((r) => !accepted.has(r.id))) await new Promise((res) => setTimeout(res, 50));
    const cpuPercent = cpu.read();
    const toEvent = measured.filter((r) => accepted.has(r.id)).map((r) => accepted.get(r.id)! - sentAt.get(r.id)!).sort((a, b) => a - b);
    answered.sort((a, b) => a - b);
    const check = await sql<{ accepted: number; commands: number; replies: number; audits: number }>`
      select (select count(*)::int from referrals where id = any(${measured.map((r) => r.id)}) and status = 'accepted') as accepted,
             (select count(*)::int from sms_commands where outcome = 'accepted') as commands,
             (select count(*)::int from notifications where purpose = 'command_reply') as replies,
             (select count(*)::int from audit_log where action = 'referral.accept' and user_agent = 'sms') as audits`.execute(env.db);
    const rows = check.rows[0]!;
    summary = {
      benchmark: 'sms-commands', rate: RATE, seconds: SECONDS, sent: measured.length, errors,
      webhookP50Ms: round(pct(answered, 50)), webhookP99Ms: round(pct(answered, 99)),
      toEventP50Ms: round(pct(toEvent, 50)), toEventP99Ms: round(pct(toEvent, 99)), toEventMaxMs: round(toEvent.at(-1) ?? NaN),
      missingEvents: measured.length - toEvent.length,
      rowsChecked: { acceptedReferrals: rows.accepted, commandsAccepted: rows.commands, replies: rows.replies, smsAudits: rows.audits, expected: measured.length + WARMUP },
      cpuPercent, targetP99Ms: TARGET_P99_MS, targetMet: pct(toEvent, 99) <= TARGET_P99_MS && toEvent.length === measured.length && errors === 0,
    };
    log(`${RATE}/s for ${SECONDS} s: webhook p50/p99 ${summary.webhookP50Ms}/${summary.webhookP99Ms} ms; to the live event p50/p99/max ${summary.toEventP50Ms}/${summary.toEventP99Ms}/${summary.toEventMaxMs} ms; ${summary.missingEvents} missing, ${errors} errors; rows ${JSON.stringify(summary.rowsChecked)}; CPU% ${JSON.stringify(cpuPercent)}`);
    sockets.forEach((s) => s.disconnect());
    agent.destroy();
  } finally {
    await stopProcess(workers);
    await stopProcess(server);
    await cleanupBenchEnv(env);
  }
  console.log(JSON.stringify(summary));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
