import { expect } from 'chai';
import { deliverNotification } from '../../server/domain/notifications/deliver.js';
import type { SmsSender } from '../../server/domain/notifications/sms-sender.js';
import { agencyByCode, ensureDemoData } from '../support/demo-data.js';
import { createTestUser, startTestApp, type TestApp } from '../support/http.js';
import { PUBLIC_URL } from '../support/contacts.js';
import { classifiedCase, IN_VI_XUYEN, referralsOf, route } from '../support/referrals.js';
import { newSid, signedTwilioPost, TEST_TWILIO } from '../support/twilio.js';
import { testEnv } from '../support/test-env.js';

/**
 * Focal points answer an alert SMS: NHAN / TUCHOI / HOTRO <code>, through Twilio's signed messaging webhook. Each
 * case is checked for the referral's state, the audit row and the reply text.
 */
describe('SMS commands from focal points', () => {
  let app: TestApp;
  let viXuyen: { id: number };
  let police: { id: number };
  const OTHER_AGENCY_PHONE = '+84913300' + String(Date.now()).slice(-3);
  const sent: { to: string; body: string }[] = [];
  const sender: SmsSender = { provider: 'outbox', send: async (m) => (sent.push(m), { provider: 'outbox', sid: null }) };

  before(async function () {
    this.timeout(120_000); // the demo agencies and both maps, loaded once per run
    await ensureDemoData();
    app = await startTestApp({ config: { ...TEST_TWILIO, PUBLIC_BASE_URL: PUBLIC_URL, OUTBOUND_SMS: 'outbox', SMS_CODE_TTL_HOURS: '72' } });
    viXuyen = await agencyByCode('tuyen-quang-commune-00913');
    police = await agencyByCode('tuyen-quang-police');
    const other = await createTestUser('agency_officer', police.id);
    await testEnv().db.updateTable('users').set({ phone: OTHER_AGENCY_PHONE }).where('id', '=', other.id).execute();
  });
  after(async () => app.close());

  /** An officer of the agency with a registered phone, stored in the national form (0…) as people type it. */
  const phones = new Map<number, string>();
  async function officerPhone(agencyId: number): Promise<string> {
    if (!phones.has(agencyId)) {
      const officer = await createTestUser('agency_officer', agencyId);
      const phone = `+8491${String(agencyId).padStart(7, '0')}`;
      await testEnv().db.updateTable('users').set({ phone: '0' + phone.slice(3) }).where('id', '=', officer.id).execute();
      phones.set(agencyId, phone);
    }
    return phones.get(agencyId)!;
  }

  /**
   * A new case in Vị Xuyên, routed (to the commune committee with the demo rules; whichever local agency the rules
   * in force choose when other suites changed them); its alert sent, which issues the code.
   */
  async function referralWithCode(): Promise<{ id: number; code: number; ref: string; phone: string }> {
    const contactId = await classifiedCase(app, IN_VI_XUYEN);
    await route(app, contactId);
    const made = await referralsOf(app, contactId);
    const referral = made.find((r) => r.agency_id === viXuyen.id) ?? made.find((r) => r.status === 'pending' && r.agency_id !== police.id);
    expect(referral, 'a pending referral to an agency other than the police').to.not.equal(undefined);
    const phone = await officerPhone(referral!.agency_id!);
    const alert = await testEnv().db.selectFrom('notifications').select('id').where('referral_id', '=', referral!.id).where('purpose', '=', 'referral_alert').executeTakeFirstOrThrow();
    sent.length = 0;
    await deliverNotification(app.ctx, sender, alert.id);
    const m = /NHAN (\d{4,5})/.exec(sent[0]!.body);
    expect(m, sent[0]!.body).to.not.equal(null);
    // The stored text is what was sent (the outbox shows it).
    const stored = await testEnv().db.selectFrom('notifications').select('body_enc').where('id', '=', alert.id).executeTakeFirstOrThrow();
    expect(app.ctx.crypto.decrypt(stored.body_enc)).to.equal(sent[0]!.body);
    return { id: Number(referral!.id), code: Number(m![1]), ref: `LH-${String(contactId).padStart(6, '0')}`, phone };
  }

  async function sms(from: string, body: string, sid = newSid('SM')) {
    const r = await signedTwilioPost(app.baseUrl, '/webhooks/twilio/messaging', { MessageSid: sid, From: from, Body: body }, { publicBaseUrl: PUBLIC_URL });
    expect(r.status).to.equal(200);
    const cmd = await testEnv().db.selectFrom('sms_commands').selectAll().where('message_sid', '=', sid).executeTakeFirst();
    const reply = await testEnv().db.selectFrom('notifications').select(['body_enc', 'to_enc']).where('purpose', '=', 'command_reply').orderBy('id', 'desc').executeTakeFirst();
    return { sid, cmd, reply: reply ? { text: app.ctx.crypto.decrypt(reply.body_enc), to: app.ctx.crypto.decrypt(reply.to_enc) } : null };
  }
  const statusOf = async (id: number) => (await testEnv().db.selectFrom('referrals').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
  const auditOf = (id: number, action: string) =>
    testEnv().db.selectFrom('audit_log').selectAll().where('entity_type', '=', 'referral').where('entity_id', '=', String(id)).where('action', '=', action).execute();

  it('accepts from the registered phone, audits it as the officer, answers, and ignores a retried MessageSid', async () => {
    const r = await referralWithCode();
    const res = await sms(r.phone, `nhận ${r.code}`);
    expect(await statusOf(r.id)).to.equal('accepted');
    const audits = await auditOf(r.id, 'referral.accept');
    expect(audits).to.have.length(1);
    expect(audits[0]!.user_agent).to.equal('sms');
    expect(res.reply!.to).to.equal(r.phone);
    expect(res.reply!.text).to.contain(`TIẾP NHẬN ca ${r.ref}`);
    expect(res.cmd!.outcome).to.equal('accepted');
    // No contact was opened for it: a command is not an intake message.
    expect(await testEnv().db.selectFrom('contact_messages').select('id').where('twilio_sid', '=', res.sid).execute()).to.have.length(0);

    const replies = await testEnv().db.selectFrom('notifications').select('id').where('purpose', '=', 'command_reply').execute();
    await sms(r.phone, `NHAN ${r.code}`, res.sid);
    expect(await testEnv().db.selectFrom('notifications').select('id').where('purpose', '=', 'command_reply').execute()).to.have.length(replies.length);
    expect(await auditOf(r.id, 'referral.accept')).to.have.length(1);
  });

  it('records support by regime letters (đ included) once accepted', async () => {
    const r = await referralWithCode();
    await sms(r.phone, `NHAN ${r.code}`);
    const res = await sms(r.phone, `HOTRO ${r.code} b,đ đã đưa em về nhà`);
    expect(await statusOf(r.id)).to.equal('in_progress');
    const support = await testEnv().db.selectFrom('referral_support').select(['regime', 'note_enc']).where('referral_id', '=', r.id).orderBy('id').execute();
    expect(support.map((s) => s.regime)).to.deep.equal(['b', 'dd']);
    expect(app.ctx.crypto.decrypt(support[0]!.note_enc!)).to.equal('đã đưa em về nhà');
    expect(await auditOf(r.id, 'referral.support')).to.have.length(2);
    expect(res.reply!.text).to.contain('(b, đ)');
  });

  it('declines with the reason (encrypted) and the case moves on', async () => {
    const r = await referralWithCode();
    const res = await sms(r.phone, `TUCHOI ${r.code} Cán bộ đang đi công tác`);
    expect(await statusOf(r.id)).to.equal('declined');
    const row = await testEnv().db.selectFrom('referrals').select('decline_reason_enc').where('id', '=', r.id).executeTakeFirstOrThrow();
    expect(app.ctx.crypto.decrypt(row.decline_reason_enc!)).to.equal('Cán bộ đang đi công tác');
    expect(await auditOf(r.id, 'referral.decline')).to.have.length(1);
    expect(res.reply!.text).to.contain(`TỪ CHỐI ca ${r.ref}`);
  });

  it('refuses an unregistered phone and another agency\'s phone, changing nothing, with an audit row and an answer', async () => {
    const r = await referralWithCode();
    const stranger = await sms('+84987000111', `NHAN ${r.code}`);
    expect(stranger.reply!.text).to.contain('chưa được đăng ký');
    expect(stranger.cmd!.outcome).to.equal('unregistered');
    const otherAgency = await sms(OTHER_AGENCY_PHONE, `NHAN ${r.code}`);
    // The answer says nothing about the other agency's case: as if the code did not exist.
    expect(otherAgency.reply!.text).to.contain(`mã ${r.code} không đúng`);
    expect(otherAgency.reply!.text).to.not.contain(r.ref);
    expect(await statusOf(r.id)).to.equal('pending');
    const refused = await testEnv().db.selectFrom('audit_log').select(['details']).where('action', '=', 'sms_command.refused').execute();
    const outcomes = refused.map((a) => (a.details as { outcome: string }).outcome);
    expect(outcomes).to.include.members(['unregistered', 'unknown_code']);
    expect(JSON.stringify(refused)).to.not.contain('8498700');
  });

  it('refuses a malformed command and a decline without a reason, explaining the syntax', async () => {
    const r = await referralWithCode();
    const noCode = await sms(r.phone, 'NHAN');
    expect(noCode.reply!.text).to.contain('Cú pháp');
    const noReason = await sms(r.phone, `TUCHOI ${r.code}`);
    expect(noReason.reply!.text).to.contain('lý do');
    const badRegime = await sms(r.phone, `HOTRO ${r.code} z`);
    expect(badRegime.cmd!.outcome).to.equal('malformed');
    expect(await statusOf(r.id)).to.equal('pending');
  });

  it('refuses a code after expiry, and a referral already taken', async () => {
    const r = await referralWithCode();
    await sms(r.phone, `NHAN ${r.code}`);
    const again = await sms(r.phone, `TUCHOI ${r.code} nhầm`);
    expect(again.reply!.text).to.contain(`ca ${r.ref} đã được tiếp nhận`);
    expect(again.cmd!.outcome).to.equal('conflict');
    expect(await statusOf(r.id)).to.equal('accepted');

    const old = await referralWithCode();
    await testEnv().db.updateTable('referral_sms_codes').set({ expires_at: new Date(Date.now() - 1000) }).where('code', '=', old.code).execute();
    const late = await sms(r.phone, `NHAN ${old.code}`);
    expect(late.reply!.text).to.contain('đã hết hạn');
    expect(await statusOf(old.id)).to.equal('pending');
  });

  it('sends the same code again after a failed try, and a second alert of the referral reuses the code and extends it', async () => {
    const contactId = await classifiedCase(app, IN_VI_XUYEN);
    await route(app, contactId);
    const referral = (await referralsOf(app, contactId)).find((r) => r.status === 'pending' && r.agency_id != null)!;
    const db = testEnv().db;
    const alert = await db.selectFrom('notifications').select('id').where('referral_id', '=', referral.id).where('purpose', '=', 'referral_alert').executeTakeFirstOrThrow();
    const tries: string[] = [];
    const flaky: SmsSender = { provider: 'outbox', send: async (m) => {
      tries.push(m.body);
      if (tries.length === 1) throw new Error('carrier busy');
      return { provider: 'outbox', sid: null };
    } };
    let failed: unknown = null;
    await deliverNotification(app.ctx, flaky, alert.id).catch((e) => (failed = e));
    expect((failed as Error | null)?.message).to.equal('carrier busy');
    const afterFailure = await db.selectFrom('notifications').select(['status', 'attempts', 'body_enc']).where('id', '=', alert.id).executeTakeFirstOrThrow();
    expect(afterFailure).to.include({ status: 'queued', attempts: 1 });
    expect(app.ctx.crypto.decrypt(afterFailure.body_enc), 'the outbox shows the text tried').to.equal(tries[0]);
    expect(await deliverNotification(app.ctx, flaky, alert.id)).to.equal('outbox');
    expect(tries).to.have.length(2);
    expect(tries[1], 'the retry sends the same text, code included').to.equal(tries[0]);

    const codes = () => db.selectFrom('referral_sms_codes').select(['code', 'expires_at']).where('referral_id', '=', referral.id).execute();
    const [first] = await codes();
    expect(tries[0]).to.contain(`NHAN ${first!.code}`);
    // A later alert for the same referral (an SLA warning) carries the same code, valid for another full period.
    await db.updateTable('referral_sms_codes').set({ expires_at: new Date(Date.now() + 3600_000) }).where('code', '=', first!.code).execute();
    const warning = await db.insertInto('notifications').values({
      purpose: 'sla_warning', channel: 'sms', to_enc: app.ctx.crypto.encrypt('+84912000111'), to_masked: '+8491***111',
      body_enc: app.ctx.crypto.encrypt('Sắp quá hạn'), referral_id: referral.id, created_at: new Date(), updated_at: new Date(),
    }).returning('id').executeTakeFirstOrThrow();
    expect(await deliverNotification(app.ctx, sender, warning.id)).to.equal('outbox');
    expect(sent.at(-1)!.body).to.contain(`NHAN ${first!.code}`);
    const after = await codes();
    expect(after.map((c) => c.code)).to.deep.equal([first!.code]);
    expect(after[0]!.expires_at.getTime() - Date.now(), 'extended to 72 h again').to.be.greaterThan(71 * 3600_000);
  });

  it('leaves ordinary messages to the operators, from a focal point\'s phone too', async () => {
    const res = await sms(await officerPhone(viXuyen.id), 'Chào tổng đài, tôi muốn báo một trường hợp');
    expect(res.cmd).to.equal(undefined);
    expect(await testEnv().db.selectFrom('contact_messages').select('id').where('twilio_sid', '=', res.sid).execute()).to.have.length(1);
  });
});
