import type { ConsoleFigures } from './consoles-client.js';
import type { Stored } from './correlate.js';
import type { StepLoad } from './load.js';
import { pct, round } from './stats.js';

export const TARGET = { rate: 1000, serverP99Ms: 100, consoleP99Ms: 100 };

export interface StepFigures {
  rate: number;
  achievedRate: number | null;
  sent: number;
  errors: number;
  lostContacts: number;
  missingConsoleEvents: number;
  serverP50Ms: number | null;
  serverP99Ms: number | null;
  serverMaxMs: number | null;
  consoleP50Ms: number | null;
  consoleP99Ms: number | null;
  consoleFromAcceptedP99Ms: number | null;
  generatorLagP99Ms: number | null;
  cpuPercent: Record<string, number>;
  /** CPU milliseconds per webhook of the server process and of its PostgreSQL backends (less sensitive to other load than latency). */
  cpuMsPerWebhook: { server: number | null; postgres: number | null };
  serverRssMb: number;
  passed: boolean;
  failures: string[];
}

/** Judges one step: any error, lost contact or missing event, a p99 over target, or a generator that fell behind fails it. */
export function judgeStep(p: {
  step: StepLoad;
  stored: Stored;
  consoles: ConsoleFigures;
  dbMismatch: string | null;
  serverLogProblems: number;
  cpuPercent: Record<string, number>;
  serverRssMb: number;
}): StepFigures {
  const { step, stored, consoles: cons, cpuPercent } = p;
  const latencies = Float64Array.from(step.sent, (s) => s.latencyMs).sort();
  const serverP99 = pct(latencies, 99);
  const failures: string[] = [];
  if (step.errors) failures.push(`${step.errors} errors (${step.errorSamples.join('; ')})`);
  if (p.serverLogProblems) failures.push(`${p.serverLogProblems} server warnings/errors logged`);
  if (stored.lostContacts) failures.push(`${stored.lostContacts} accepted webhooks not stored`);
  if (p.dbMismatch) failures.push(p.dbMismatch);
  if (cons.missingEvents) failures.push(`${cons.missingEvents} console events missing (${cons.consolesMissingSome} consoles short)`);
  if (cons.disconnects) failures.push(`${cons.disconnects} console disconnects`);
  if (step.achievedRate < step.rate * 0.98) failures.push(`generator reached only ${step.achievedRate.toFixed(0)}/s`);
  if (!(serverP99 <= TARGET.serverP99Ms)) failures.push(`server p99 ${serverP99.toFixed(1)} ms > ${TARGET.serverP99Ms}`);
  if (cons.expectedEvents && !(cons.p99Ms <= TARGET.consoleP99Ms)) failures.push(`console p99 ${cons.p99Ms.toFixed(1)} ms > ${TARGET.consoleP99Ms}`);
  const perWebhook = (cpu: number | undefined) => round(((cpu ?? NaN) * 10) / step.achievedRate, 2);
  return {
    rate: step.rate,
    achievedRate: round(step.achievedRate),
    sent: step.sent.length,
    errors: step.errors,
    lostContacts: stored.lostContacts,
    missingConsoleEvents: cons.missingEvents,
    serverP50Ms: round(pct(latencies, 50)),
    serverP99Ms: round(serverP99),
    serverMaxMs: round(pct(latencies, 100)),
    consoleP50Ms: round(cons.p50Ms),
    consoleP99Ms: round(cons.p99Ms),
    consoleFromAcceptedP99Ms: round(cons.fromAcceptedP99Ms),
    generatorLagP99Ms: round(step.lagP99Ms),
    cpuPercent,
    cpuMsPerWebhook: { server: perWebhook(cpuPercent.server), postgres: perWebhook(cpuPercent.postgres) },
    serverRssMb: p.serverRssMb,
    passed: failures.length === 0,
    failures,
  };
}

export function describeStep(f: StepFigures, expectedEvents: number): string {
  return (
    `${f.rate}/s: ${f.passed ? 'PASS' : 'FAIL'} sent ${f.sent} (${f.achievedRate}/s), errors ${f.errors}, lost ${f.lostContacts}, ` +
    `missing console events ${f.missingConsoleEvents}/${expectedEvents}; server p50/p99/max ${f.serverP50Ms}/${f.serverP99Ms}/${f.serverMaxMs} ms; ` +
    `console p50/p99 ${f.consoleP50Ms}/${f.consoleP99Ms} ms (from accepted p99 ${f.consoleFromAcceptedP99Ms}); ` +
    `generator lag p99 ${f.generatorLagP99Ms} ms; CPU% ${JSON.stringify(f.cpuPercent)}; CPU ms/webhook ${JSON.stringify(f.cpuMsPerWebhook)}; server RSS ${f.serverRssMb} MB`
  );
}
