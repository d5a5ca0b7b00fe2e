import { expect } from 'chai';
import { JOB_IDS } from '../../shared/index.js';
import { insertNotification } from '../../server/domain/notifications/notifications.repo.js';
import { relayStaleNotifications } from '../../server/domain/notifications/notifications-relay.js';
import { jobPresence } from '../../server/queue-jobs.js';
import { testEnv } from '../support/test-env.js';

describe('notification outbox relay', () => {
  const at = (ms: number) => ({ now: () => new Date(Date.now() + ms) });
  const ctx = (clock = at(0)) => ({ db: testEnv().db, queues: testEnv().queues, redis: testEnv().redis, clock });
  const queued = () =>
    insertNotification(testEnv().db, { purpose: 'referral_alert', channel: 'sms', toEnc: 'x', toMasked: '•••1', bodyEnc: 'y', at: new Date() });

  it('sends again what Redis lost or a finished job left queued, and leaves a waiting job alone', async () => {
    const { notify } = testEnv().queues;
    const [waiting, lost, finished] = [await queued(), await queued(), await queued()];
    await notify.add('send', { notificationId: waiting }, { jobId: JOB_IDS.notify(waiting), delay: 600_000 }); // held back
    await notify.add('send', { notificationId: finished }, { jobId: JOB_IDS.notify(finished) });
    // A job that finished (say its worker wrote nothing before it died) while its row still says queued.
    await testEnv().redis.hset(notify.toKey(JOB_IDS.notify(finished)), 'finishedOn', String(Date.now()));
    expect(await jobPresence(testEnv().redis, notify, [waiting, lost, finished].map(JOB_IDS.notify))).to.deep.equal(['open', 'missing', 'finished']);

    // (Other test files' notifications share the database: only these three are asserted on.)
    await relayStaleNotifications(ctx()); // not stale yet: left alone
    expect(await jobPresence(testEnv().redis, notify, [lost].map(JOB_IDS.notify))).to.deep.equal(['missing']);
    expect(await relayStaleNotifications(ctx(at(31_000)))).to.be.at.least(2);
    const again = await jobPresence(testEnv().redis, notify, [waiting, lost, finished].map(JOB_IDS.notify));
    expect(again).to.deep.equal(['open', 'open', 'open']);
    expect((await notify.getJob(JOB_IDS.notify(lost)))?.data).to.deep.equal({ notificationId: lost });
    await Promise.all([waiting, lost, finished].map((id) => notify.remove(JOB_IDS.notify(id))));
  });
});
