import { expect } from 'chai';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { createAuthService } from '../../server/domain/auth/auth.service.js';
import { createTestUser } from '../support/http.js';
import { testEnv } from '../support/test-env.js';

/** Observes (never changes) the statements sent: how many read the sessions table. */
class SessionReads implements KyselyPlugin {
  count = 0;
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const node = args.node as unknown as { kind: string; from?: unknown };
    const tables = JSON.stringify(node.from ?? '');
    if (node.kind === 'SelectQueryNode' && tables.includes('"sessions"')) this.count++;
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

describe('sessions: lookups that arrive together share one statement', function () {
  this.timeout(30_000);

  it('answers 60 concurrent lookups each with its own user, refuses logged-out and disabled ones, in a few statements', async () => {
    const env = testEnv();
    const reads = new SessionReads();
    const auth = createAuthService({ db: env.db.withPlugin(reads), redis: env.redis, config: env.config, clock: { now: () => new Date() } as never });
    const origin = { ip: '127.0.0.1', userAgent: 'test' };
    const users = await Promise.all(Array.from({ length: 20 }, () => createTestUser('operator')));
    const logins: { id: number; token: string }[] = [];
    for (const u of users) logins.push({ id: u.id, ...(await auth.login(u.username, u.password, origin)) });
    const disabled = logins[3]!;
    await env.db.updateTable('users').set({ active: false }).where('id', '=', disabled.id).execute();
    const loggedOut = logins[7]!;
    const gone = await auth.resolve(loggedOut.token);
    await auth.logout(gone!.sessionId, gone!.user, origin);

    reads.count = 0;
    // Each session asked three times at once, interleaved, plus tokens nobody was ever given.
    const asks = [...logins, ...logins, ...logins].map((l) => l.token).concat(['forged-1', 'forged-2']);
    const answers = await Promise.all(asks.map((t) => auth.resolve(t)));
    answers.forEach((a, i) => {
      const login = logins.find((l) => l.token === asks[i]);
      if (!login || login === disabled || login === loggedOut) expect(a, `ask ${i}`).to.equal(null);
      else expect(a?.user.id, `ask ${i}`).to.equal(login.id);
    });
    expect(answers.filter(Boolean)).to.have.length(18 * 3);
    expect(reads.count, 'statements reading sessions for 62 lookups').to.be.within(1, 8);

    // A lone lookup after a quiet spell is answered on its own, at once.
    reads.count = 0;
    expect((await auth.resolve(logins[0]!.token))?.user.id).to.equal(logins[0]!.id);
    expect(reads.count).to.equal(1);
  });
});
