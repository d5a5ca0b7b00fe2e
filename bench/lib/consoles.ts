/**
 * Child process of `npm run bench:ingest`: a share of the operator consoles (real socket.io-client connections with
 * the session cookie), kept off the load generator's event loop; the parent spreads the consoles over several of these
 * so that no one process bounds what is measured. Records every queue change ('contacts:changed') as it arrives and,
 * when asked, matches them against what the generator sent (key = contact id × 1024 + unread count). Latencies go back
 * as histograms, which the parent merges.
 */
import { io, type Socket } from 'socket.io-client';
import type { ContactChange, ContactSummary } from '../../shared/index.js';
import { addSample, emptyHistogram, type Histogram } from './latency-histogram.js';
import { eventKey, now } from './stats.js';

export type ConsoleRequest =
  | { type: 'connect'; baseUrl: string; cookies: string[] }
  | { type: 'collect'; keys: Float64Array; sentAt: Float64Array; waitMs: number }
  | { type: 'close' };

export interface ConsoleStats {
  expectedEvents: number;
  missingEvents: number;
  consolesMissingSome: number;
  duplicates: number;
  unexpected: number;
  disconnects: number;
  /** Generator's send → console. */
  latency: Histogram;
  /** Server's receivedAt → console, for new contacts only (excludes the HTTP request's own time). */
  fromAccepted: Histogram;
}

let sockets: Socket[] = [];
let disconnects = 0;
let cap = 1 << 20;
let len = 0;
let keys = new Float64Array(cap);
let times = new Float64Array(cap);
let accepted = new Float64Array(cap);
// Up to 65,535 consoles per process (a Uint8Array wrapped around at 256: consoles 256 and up looked silent).
let consoleOf = new Uint16Array(cap);

function record(consoleIdx: number, s: ContactSummary, created: boolean) {
  if (len === cap) {
    cap *= 2;
    const grow = <T extends Float64Array | Uint16Array>(a: T, make: (n: number) => T) => { const b = make(cap); b.set(a); return b; };
    keys = grow(keys, (n) => new Float64Array(n));
    times = grow(times, (n) => new Float64Array(n));
    accepted = grow(accepted, (n) => new Float64Array(n));
    consoleOf = grow(consoleOf, (n) => new Uint16Array(n));
  }
  times[len] = now();
  keys[len] = eventKey(s.id, s.unreadMessages);
  accepted[len] = created ? Date.parse(s.receivedAt) : NaN;
  consoleOf[len++] = consoleIdx;
}

async function connectAll(baseUrl: string, cookies: string[]) {
  sockets = await Promise.all(
    cookies.map(
      (cookie, i) =>
        new Promise<Socket>((resolve, reject) => {
          const s = io(baseUrl, { transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { cookie } });
          const timer = setTimeout(() => reject(new Error(`console ${i} not ready within 10 s`)), 10_000);
          s.once('connect_error', (e) => reject(e));
          s.once('session:ready', () => {
            clearTimeout(timer);
            resolve(s);
          });
          s.on('contacts:changed', (changes: ContactChange[]) => {
            for (const c of changes) record(i, c.contact, c.kind === 'created');
          });
          s.on('disconnect', () => disconnects++);
        }),
    ),
  );
}

async function collect(expectedKeys: Float64Array, sentAt: Float64Array, waitMs: number): Promise<ConsoleStats> {
  const n = expectedKeys.length;
  const consoles = sockets.length;
  const index = new Map<number, number>();
  expectedKeys.forEach((k, i) => index.set(k, i));
  const seen = new Uint8Array(n * consoles);
  const latency = emptyHistogram();
  const fromAccepted = emptyHistogram();
  let matched = 0, duplicates = 0, unexpected = 0, processed = 0;
  const drain = () => {
    for (; processed < len; processed++) {
      const i = index.get(keys[processed]!);
      if (i === undefined) { unexpected++; continue; }
      const slot = i * consoles + consoleOf[processed]!;
      if (seen[slot]) { duplicates++; continue; }
      seen[slot] = 1;
      matched++;
      addSample(latency, times[processed]! - sentAt[i]!);
      if (!Number.isNaN(accepted[processed]!)) addSample(fromAccepted, times[processed]! - accepted[processed]!);
    }
  };
  const deadline = now() + waitMs;
  for (drain(); matched < n * consoles && now() < deadline; drain()) await new Promise((r) => setTimeout(r, 50));
  let consolesMissingSome = 0;
  for (let c = 0; c < consoles; c++) {
    for (let i = 0; i < n; i++) if (!seen[i * consoles + c]) { consolesMissingSome++; break; }
  }
  len = 0; // the next step starts from an empty record
  return {
    expectedEvents: n * consoles,
    missingEvents: n * consoles - matched,
    consolesMissingSome,
    duplicates,
    unexpected,
    disconnects,
    latency,
    fromAccepted,
  };
}

process.on('message', (m: ConsoleRequest) => {
  const reply = (msg: unknown) => process.send!(msg);
  if (m.type === 'connect') connectAll(m.baseUrl, m.cookies).then(() => reply({ type: 'ready' }), (e: Error) => reply({ type: 'fatal', error: e.message }));
  else if (m.type === 'collect') collect(m.keys, m.sentAt, m.waitMs).then((stats) => reply({ type: 'collected', stats }));
  else {
    sockets.forEach((s) => s.disconnect());
    setTimeout(() => process.exit(0), 100);
  }
});
process.on('disconnect', () => process.exit(0));
