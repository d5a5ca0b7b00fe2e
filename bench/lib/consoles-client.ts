import { fork, type ChildProcess } from 'node:child_process';
import type { ConsoleRequest, ConsoleStats } from './consoles.js';
import type { Stored } from './correlate.js';
import { mergeHistograms, percentile } from './latency-histogram.js';

/** What the run reports of all consoles together (merged over the processes). */
export interface ConsoleFigures {
  expectedEvents: number;
  missingEvents: number;
  consolesMissingSome: number;
  duplicates: number;
  unexpected: number;
  disconnects: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  fromAcceptedP99Ms: number;
}

/** Consoles per child process by default: one socket.io-client process handles ~100 busy consoles well below a core. */
const CONSOLES_PER_PROCESS = 100;

/** One child process holding a share of the consoles (bench/lib/consoles.ts). */
class ConsoleProcess {
  readonly child: ChildProcess = fork('bench/lib/consoles.ts', [], { execArgv: ['--import', 'tsx'], serialization: 'advanced', stdio: 'inherit' });

  ask(msg: ConsoleRequest, reply: string, timeoutMs: number): Promise<any> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`consoles: no ${reply} within ${timeoutMs} ms`)), timeoutMs);
      const on = (m: any) => {
        if (m?.type !== reply && m?.type !== 'fatal') return;
        this.child.off('message', on);
        clearTimeout(timer);
        if (m.type === 'fatal') reject(new Error(`consoles: ${m.error}`));
        else resolve(m);
      };
      this.child.on('message', on);
      this.child.send(msg);
    });
  }
}

/**
 * The parent's handle on the consoles, spread over several child processes so that the harness is never the
 * bottleneck (500 consoles in one process took 67 % of a core and inflated the console p99). `processes` defaults to
 * one per 100 consoles (BENCH_CONSOLE_PROCESSES overrides); each process's CPU is reported apart.
 */
export class Consoles {
  private readonly procs: ConsoleProcess[];

  constructor(count: number, processes = Number(process.env.BENCH_CONSOLE_PROCESSES) || Math.ceil(count / CONSOLES_PER_PROCESS)) {
    this.procs = Array.from({ length: Math.max(1, Math.min(processes, count)) }, () => new ConsoleProcess());
  }

  get children(): ChildProcess[] {
    return this.procs.map((p) => p.child);
  }

  /** Pids by process, named consoles0…consolesN for the CPU meter. */
  cpuGroups(): Record<string, number[]> {
    return Object.fromEntries(this.procs.map((p, i) => [`consoles${i}`, [p.child.pid!]]));
  }

  async connect(baseUrl: string, cookies: string[]): Promise<void> {
    const share = Math.ceil(cookies.length / this.procs.length);
    await Promise.all(this.procs.map((p, i) => p.ask({ type: 'connect', baseUrl, cookies: cookies.slice(i * share, (i + 1) * share) }, 'ready', 60_000)));
  }

  /** Waits (up to waitMs) until every console has heard every stored contact/message, then reports for all. */
  async collect(stored: Stored, waitMs: number): Promise<ConsoleFigures> {
    const parts: ConsoleStats[] = await Promise.all(
      this.procs.map(async (p) => (await p.ask({ type: 'collect', keys: stored.keys, sentAt: stored.sentAt, waitMs }, 'collected', waitMs + 60_000)).stats),
    );
    const sum = (k: 'expectedEvents' | 'missingEvents' | 'consolesMissingSome' | 'duplicates' | 'unexpected' | 'disconnects') => parts.reduce((a, s) => a + s[k], 0);
    const latency = mergeHistograms(parts.map((s) => s.latency));
    const fromAccepted = mergeHistograms(parts.map((s) => s.fromAccepted));
    return {
      expectedEvents: sum('expectedEvents'),
      missingEvents: sum('missingEvents'),
      consolesMissingSome: sum('consolesMissingSome'),
      duplicates: sum('duplicates'),
      unexpected: sum('unexpected'),
      disconnects: sum('disconnects'),
      p50Ms: percentile(latency, 50),
      p99Ms: percentile(latency, 99),
      maxMs: percentile(latency, 100),
      fromAcceptedP99Ms: percentile(fromAccepted, 99),
    };
  }

  close() {
    for (const p of this.procs) if (p.child.connected) p.child.send({ type: 'close' } satisfies ConsoleRequest);
  }
}
