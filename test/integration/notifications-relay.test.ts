import { expect } from 'chai';
import { insertNotification } from '../../server/domain/notifications/notifications.repo.js';
import { relayStaleNotifications } from '../../server/domain/notifications/notifications-relay.js';
import { jobPresence } from '../../server/queue-jobs.js';
import { notifyJobIdOf } from '../support/outbox.js';
import { testEnv } from '../support/test-env.js';

describe('notification outbox relay', () => {
  const at = (ms: number) => ({ now: () => new Date(Date.now() + ms) });
  const ctx = (clock = at(0)) => ({ db: testEnv().db, queues: testEnv().queues, redis: testEnv().redis, clock });
  const queued = () =>
    insertNotification(testEnv().db, { purpose: 'referral_alert', channel: 'sms', toEnc: 'x', toMasked: '•••1', bodyEnc: 'y', at: new Date() });
  const jobIds = (ids: number[]) => Promise.all(ids.map((id) => notifyJobIdOf(testEnv().db, id)));

  it('sends again, under new ids, what Redis lost or a finished job left queued, and leaves a waiting job alone', async () => {
    const { notify } = testEnv().queues;
    const [waiting, lost, completed, failed] = [await queued(), await queued(), await queued(), await queued()];
    const first = await jobIds([waiting, lost, completed, failed]);
    await notify.add('send', { notificationId: waiting }, { jobId: first[0], delay: 600_000 }); // held back
    await notify.add('send', { notificationId: completed }, { jobId: first[2], delay: 600_000 });
    await notify.add('send', { notificationId: failed }, { jobId: first[3], delay: 600_000 });
    // Jobs that finished while their rows still say queued: a restored database lost what they wrote (or their
    // worker wrote nothing before it died), or they failed for good.
    const finish = (id: string) => testEnv().redis.hset(notify.toKey(id), 'finishedOn', String(Date.now()));
    await finish(first[2]!);
    await finish(first[3]!);
    expect(await jobPresence(testEnv().redis, notify, first)).to.deep.equal(['open', 'missing', 'finished', 'finished']);

    // (Other test files' notifications share the database: only these four are asserted on.)
    await relayStaleNotifications(ctx()); // not stale yet: left alone
    expect(await jobIds([waiting, lost, completed, failed])).to.deep.equal(first);
    expect(await relayStaleNotifications(ctx(at(31_000)))).to.be.at.least(3);
    const now = await jobIds([waiting, lost, completed, failed]);
    expect(now[0]).to.equal(first[0]);
    for (const i of [1, 2, 3]) expect(now[i]).to.match(new RegExp(`^${first[i]}-r[0-9a-f]{8}$`));
    expect(await jobPresence(testEnv().redis, notify, now)).to.deep.equal(['open', 'open', 'open', 'open']);
    expect((await notify.getJob(now[1]!))?.data).to.deep.equal({ notificationId: lost });
    // Sent again, now waiting: a second look sends nothing more.
    await relayStaleNotifications(ctx(at(31_000)));
    expect(await jobIds([waiting, lost, completed, failed])).to.deep.equal(now);
    await Promise.all([...first, ...now].map((id) => notify.remove(id)));
  });
});
