import { readdirSync, readFileSync } from 'node:fs';

/** Epoch milliseconds with sub-millisecond resolution, comparable across processes on this machine. */
export const now = () => performance.timeOrigin + performance.now();

/** What identifies one console event: the contact and its unread count (0 for a call, k for a conversation's k-th message). */
export const eventKey = (contactId: number, unread: number) => contactId * 1024 + Math.min(unread, 1023);

/** Percentile of an ascending-sorted array (nearest rank). */
export function pct(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const round = (n: number, digits = 1) => (Number.isFinite(n) ? Math.round(n * 10 ** digits) / 10 ** digits : null);

const TICKS = 100; // USER_HZ on Linux

function cpuTicks(pid: number | string): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(f[11]) + Number(f[12]); // utime + stime
  } catch {
    return 0;
  }
}

function ticksByCommand(names: string[]): Record<string, number> {
  const out: Record<string, number> = Object.fromEntries(names.map((n) => [n, 0]));
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    let comm: string;
    try {
      comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
    } catch {
      continue;
    }
    const name = names.find((n) => comm.startsWith(n));
    if (name) out[name]! += cpuTicks(pid);
  }
  return out;
}

/** Whole-machine busy and steal ticks (all CPUs) from /proc/stat. */
function machineTicks(): { busy: number; steal: number } {
  const f = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/).slice(1).map(Number);
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = f;
  return { busy: user + nice + system + irq + softirq, steal };
}

/**
 * CPU use per part over an interval, in % of one core (200 % = both cores of this machine): tells which part
 * bounds the rate. `groups()` names the processes of each part, read at reset and again at read (a process that
 * appeared meanwhile counts whole, one that exited is missed); `redis` is the whole Redis server; `other` is whatever
 * else ran on the machine (other people's work, PostgreSQL's shared background processes, the kernel); `steal` the
 * time the hypervisor took from this VM.
 */
export function cpuMeter(groups: () => Record<string, number[]>) {
  const perPid = (g: Record<string, number[]>) => new Map(Object.values(g).flat().map((pid) => [pid, cpuTicks(pid)]));
  const sample = () => ({ at: performance.now(), pids: perPid(groups()), redis: ticksByCommand(['redis-server'])['redis-server']!, machine: machineTicks() });
  let start = sample();
  return {
    reset: () => void (start = sample()),
    read(): Record<string, number> {
      const g = groups();
      const end = { ...sample(), pids: perPid(g) };
      const secs = (end.at - start.at) / 1000;
      const pctOf = (ticks: number) => Math.max(0, Math.round((ticks / TICKS / secs) * 100));
      const out: Record<string, number> = {};
      for (const [k, pids] of Object.entries(g)) out[k] = pctOf(pids.reduce((sum, pid) => sum + end.pids.get(pid)! - (start.pids.get(pid) ?? 0), 0));
      out.redis = pctOf(end.redis - start.redis);
      const ours = Object.values(out).reduce((a, b) => a + b, 0);
      out.other = Math.max(0, pctOf(end.machine.busy - start.machine.busy) - ours);
      out.steal = pctOf(end.machine.steal - start.machine.steal);
      return out;
    },
  };
}

export function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : NaN;
  } catch {
    return NaN;
  }
}
