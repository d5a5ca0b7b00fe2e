import { expect } from 'chai';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { referralsServiceFor } from '../../server/domain/referrals/referrals.factory.js';
import { startDemoApp } from '../support/demo-app.js';
import { agencyByCode } from '../support/demo-data.js';
import type { TestApp } from '../support/http.js';
import { classifiedCase, IN_VI_XUYEN, referralsOf } from '../support/referrals.js';
import type { scratchDatabase } from '../support/scratch-database.js';

/** Observes (never changes) the statements sent: how many insert referrals. */
class ReferralInserts implements KyselyPlugin {
  count = 0;
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (JSON.stringify(args.node).includes('insert into referrals')) this.count++;
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

describe('routing: the cases routed at the same moment share one statement (group commit)', function () {
  this.timeout(120_000);
  let app: TestApp;
  let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
  before(async () => ({ scratch, app } = await startDemoApp()));
  after(async () => {
    await app.close();
    await scratch.drop();
  });

  it('routes 24 cases at once in a few statements, each with its own referrals, clocks, alerts and live summary', async () => {
    const plain = await Promise.all(Array.from({ length: 18 }, () => classifiedCase(app, IN_VI_XUYEN)));
    const danger = await Promise.all(Array.from({ length: 6 }, () => classifiedCase(app, { ...IN_VI_XUYEN, immediateDanger: true })));
    const inserts = new ReferralInserts();
    const created: { id: number; contactRef: string; agency: { id: number } | null; clocks: unknown[]; track: string }[] = [];
    const realtime = {
      ...app.ctx.realtime,
      emit: (rooms: unknown, event: string, ...args: unknown[]) => {
        if (event === 'referral:created') created.push(args[0] as (typeof created)[number]);
        return (app.ctx.realtime.emit as (...a: unknown[]) => void)(rooms, event, ...args);
      },
    };
    const service = referralsServiceFor({ ...app.ctx, db: app.ctx.db.withPlugin(inserts), realtime });
    // Every case once, and the first plain case three times in the same burst (a duplicated job).
    const asks = [...plain, ...danger, plain[0]!, plain[0]!];
    const answers = await Promise.all(asks.map((id) => service.routeContact(id)));

    expect(inserts.count, 'statements inserting referrals for 26 routings').to.be.within(1, 8);
    const viXuyen = (await agencyByCode('tuyen-quang-commune-00913', scratch.db)).id;
    const police = (await agencyByCode('tuyen-quang-police', scratch.db)).id;
    for (const id of plain) {
      const rows = await referralsOf(app, id);
      expect(rows.map((r) => [r.track, r.agency_id]), `case ${id}`).to.deep.equal([['primary', viXuyen]]);
    }
    for (const id of danger) {
      const rows = await referralsOf(app, id);
      expect(rows.map((r) => r.track).sort(), `case ${id}`).to.deep.equal(['border_guard', 'police', 'primary']);
      expect(rows.find((r) => r.track === 'police')!.agency_id).to.equal(police);
    }
    // The duplicated case: one referral, reported by exactly one of its three routings.
    expect(answers.slice(-2).concat([answers[0]!]).filter((a) => a.length > 0)).to.have.length(1);

    const all = (await Promise.all(asks.slice(0, 24).map((id) => referralsOf(app, id)))).flat();
    expect(all).to.have.length(18 + 6 * 3);
    expect(created.map((c) => c.id).sort((a, b) => a - b)).to.deep.equal(all.map((r) => r.id).sort((a, b) => a - b));
    for (const r of all) {
      // Each referral's own first events, clocks and alerts: none attached to a neighbour in the batch.
      const events = await scratch.db.selectFrom('referral_events').select('type').where('referral_id', '=', r.id).execute();
      expect(events.filter((e) => e.type === 'created'), `referral ${r.id}`).to.have.length(1);
      const clocks = await scratch.db.selectFrom('sla_clocks').select('kind').where('referral_id', '=', r.id).execute();
      expect(clocks.map((c) => c.kind).sort(), `referral ${r.id}`).to.deep.equal(['acknowledge', 'close', 'first_action', 'reroute']);
      const summary = created.find((c) => c.id === r.id)!;
      expect(summary.contactRef).to.equal(`LH-${String(r.contact_id).padStart(6, '0')}`);
      expect(summary.agency?.id).to.equal(r.agency_id);
      expect(summary.track).to.equal(r.track);
      expect(summary.clocks).to.have.length(4);
      const alerts = await scratch.db.selectFrom('notifications').select('id').where('referral_id', '=', r.id).execute();
      const agency = await scratch.db.selectFrom('agencies').select('focal_phones').where('id', '=', r.agency_id!).executeTakeFirstOrThrow();
      expect(alerts, `alerts of referral ${r.id}`).to.have.length(agency.focal_phones.length);
    }
  });
});
