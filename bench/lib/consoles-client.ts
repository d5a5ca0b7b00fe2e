import { fork, type ChildProcess } from 'node:child_process';
import type { ConsoleRequest, ConsoleStats } from './consoles.js';
import type { Stored } from './correlate.js';

/** The parent's handle on the consoles child process (bench/lib/consoles.ts). */
export class Consoles {
  readonly child: ChildProcess = fork('bench/lib/consoles.ts', [], { execArgv: ['--import', 'tsx'], serialization: 'advanced', stdio: 'inherit' });

  private ask(msg: ConsoleRequest, reply: string, timeoutMs: number): Promise<any> {
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

  connect(baseUrl: string, cookies: string[]): Promise<void> {
    return this.ask({ type: 'connect', baseUrl, cookies }, 'ready', 30_000).then(() => {});
  }

  /** Waits (up to waitMs) until every console has heard every stored contact/message, then reports. */
  async collect(stored: Stored, waitMs: number): Promise<ConsoleStats> {
    return (await this.ask({ type: 'collect', keys: stored.keys, sentAt: stored.sentAt, waitMs }, 'collected', waitMs + 60_000)).stats;
  }

  close() {
    if (this.child.connected) this.child.send({ type: 'close' } satisfies ConsoleRequest);
  }
}
