/**
 * A small, hand-countable case load for the statistics tests, written straight into a scratch database.
 * Period under test: 2025-01-01 … 2025-06-30 (Vietnam time). The expected figures in the tests are counted by hand
 * from the rows below; keep the comments in step with them.
 */
import type { Database } from '../../server/db/database.js';
import { rebuildUnitMap } from '../../server/domain/units/unit-map.js';
import { createFieldCrypto } from '../../server/domain/crypto/field-crypto.js';
import { ownerOf, testEnv } from '../support/test-env.js';
import type { EthnicityCode } from '../../shared/index.js';

/** A local (UTC+7) wall-clock time. */
export const vn = (s: string) => new Date(`${s.replace(' ', 'T')}:00+07:00`);
const plusHours = (d: Date, h: number) => new Date(d.getTime() + h * 3600_000);

export const PERIOD = { from: '2025-01-01', to: '2025-06-30' };

export interface Fixture {
  units: { p1: number; c1: number; c2: number; p2: number; c3: number; q: number; d: number; e: number };
  agencies: { a1: number; a2: number };
  contacts: Record<'k1' | 'k2' | 'k3' | 'k4' | 'k5' | 'k6' | 'k7' | 'k8', number>;
  referrals: Record<'r1' | 'r2' | 'r3' | 'r4' | 'r5' | 'r6' | 'r7', number>;
}

async function unit(db: Database, dataset: 'vn-2023' | 'vn-2025', code: string, level: 'province' | 'district' | 'commune', name: string, parentId: number | null) {
  // Units are reference data: written as the owner, as an import does.
  const r = await ownerOf(db).insertInto('admin_units').values({ dataset, code, level, name, parent_code: null, parent_id: parentId, valid_from: null, valid_to: null })
    .returning('id').executeTakeFirstOrThrow();
  return r.id;
}

type ContactInput = {
  channel: 'voice' | 'sms' | 'zalo';
  at: Date;
  callType?: 'information' | 'counselling' | 'report';
  classification?: 'not_relevant' | 'other_child_protection' | 'trafficking' | 'suspected_trafficking';
  purposes?: string[];
  indicators?: string[];
  unitId?: number;
  country?: string;
  victims?: { sex: string; age: number | null; band: string | null; ethnicity: EthnicityCode | null; nationality: string | null }[];
};

export async function contact(db: Database, c: ContactInput): Promise<number> {
  const wrapped = c.classification != null;
  const r = await db
    .insertInto('contacts')
    .values({
      channel: c.channel, status: wrapped ? 'closed' : 'queued', received_at: c.at, closed_at: wrapped ? plusHours(c.at, 0.25) : null,
      call_type: c.callType ?? null, classification: c.classification ?? null, purposes: c.purposes ?? [], indicators: c.indicators ?? [],
      location_kind: c.unitId ? 'unit' : c.country ? 'abroad' : 'unknown', location_unit_id: c.unitId ?? null, location_country: c.country ?? null,
      // Personal fields are filled on purpose, so the tests can check that none of them ever leaves in an export.
      caller_phone_enc: 'enc:phone', caller_masked: '•••• 123', narrative_enc: 'enc:narrative', wishes_note_enc: 'enc:note',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const [i, v] of (c.victims ?? []).entries())
    await db.insertInto('contact_victims').values({
      contact_id: r.id, position: i, sex: v.sex, age: v.age, age_band: v.band, ethnicity: v.ethnicity, nationality: v.nationality,
      under18: v.age == null ? null : v.age < 18,
    }).execute();
  return r.id;
}

type ReferralInput = {
  contactId: number;
  track?: 'primary' | 'police';
  agencyId: number | null;
  status: 'accepted' | 'in_progress' | 'declined' | 'closed' | 'needs_supervisor';
  at: Date;
  /** Hours after `at`. */
  ack?: number;
  firstAction?: number;
  close?: number;
  outcome?: 'successful' | 'not_successful';
};

export async function referral(db: Database, r: ReferralInput): Promise<number> {
  const row = await db
    .insertInto('referrals')
    .values({
      contact_id: r.contactId, track: r.track ?? 'primary', agency_id: r.agencyId, status: r.status,
      priority: 'trafficking', why: JSON.stringify({ rule: null, target: null, explanation: 'fixture' }), created_at: r.at, updated_at: r.at,
      accepted_at: r.ack != null ? plusHours(r.at, r.ack) : null,
      first_action_at: r.firstAction != null ? plusHours(r.at, r.firstAction) : null,
      closed_at: r.close != null ? plusHours(r.at, r.close) : null,
      outcome: r.outcome ?? null, outcome_reason_enc: r.outcome === 'not_successful' ? createFieldCrypto(testEnv().config.DATA_KEY).encrypt('fixture') : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

type ClockState = 'met' | 'late' | 'breached' | 'running' | 'stopped';
export async function clocks(db: Database, referralId: number, at: Date, states: [ClockState, ClockState, ClockState]) {
  const kinds = ['acknowledge', 'first_action', 'close'] as const;
  for (const [i, kind] of kinds.entries()) {
    const st = states[i]!;
    const due = plusHours(at, 1 + i);
    await db.insertInto('sla_clocks').values({
      referral_id: referralId, kind, priority: 'trafficking', target: JSON.stringify({ value: 1 + i, unit: 'hours' }), calendar: null,
      warn_percent: 75, supervisor_after_percent: 25, started_at: at, due_at: due, updated_at: at,
      state: st === 'late' ? 'breached' : st,
      met_at: st === 'met' ? plusHours(at, 0.5) : st === 'late' ? plusHours(due, 1) : null,
      breached_at: st === 'late' || st === 'breached' ? due : null,
      stopped_at: st === 'stopped' ? at : null,
    }).execute();
  }
}

/**
 * Contacts (received, VN time):
 *   k1 voice 2025-01-10 information, not relevant, nowhere
 *   k2 sms   2025-02-01 00:30 (still 31 Jan in UTC) counselling, other child protection, in c1 (p1): victims F 8 Tày (02) VN, M 15 Kinh (01) VN
 *   k3 voice 2025-03-05 report, trafficking [forced_labour, sexual_exploitation], abroad KH: victim F 19 HMông (08) VN
 *   k4 zalo  2025-04-20 report, suspected [forced_marriage], in c3 (p2): victims F 17 (no ethnicity) CN, unknown sex/age/ethnicity/nationality
 *   k5 voice 2025-06-30 23:59 report, trafficking [forced_labour], in e (three-tier: q → d → e): victim M 30 Kinh (01) VN
 *   k6 voice 2025-07-01 00:00 trafficking (outside the period), k7 voice 2024-12-31 23:59 information (outside)
 *   k8 voice 2025-05-05 still waiting (no call type, no classification)
 * Referrals (hours after creation: acknowledged / first action / closed):
 *   r1 k2 → a1 closed successful 0.5 / 4.5 / 244.5;  r2 k3 → a1 in progress 2 / 26;  r3 k3 police → a2 accepted 0.1
 *   r4 k4 → a1 declined;  r5 k4 → supervisor (no agency);  r6 k5 → a1 closed not successful 1 / 11 / 491 (closed after the period)
 *   r7 k6 → a1 (outside the period)
 * Clocks (acknowledge, first action, close): r1 met met met; r2 late running running; r3 met running running;
 *   r4 stopped ×3; r6 met late breached; r7 met met met (outside)
 * Support: r1 a 2025-02-02, g 2025-02-03, a 2025-02-10; r2 a 2025-03-07; r6 b 2025-07-02 (outside)
 */
export async function loadFixture(db: Database, recordedBy: number): Promise<Fixture> {
  const p1 = await unit(db, 'vn-2025', '01', 'province', 'Tỉnh Một', null);
  const c1 = await unit(db, 'vn-2025', '00001', 'commune', 'Xã Một', p1);
  const c2 = await unit(db, 'vn-2025', '00002', 'commune', 'Xã Hai', p1);
  const p2 = await unit(db, 'vn-2025', '02', 'province', 'Tỉnh Hai', null);
  const c3 = await unit(db, 'vn-2025', '00003', 'commune', 'Xã Ba', p2);
  const q = await unit(db, 'vn-2023', '90', 'province', 'Tỉnh Cũ', null);
  const d = await unit(db, 'vn-2023', '900', 'district', 'Huyện Cũ', q);
  const e = await unit(db, 'vn-2023', '90001', 'commune', 'Xã Cũ', d);
  // As an import does: the statistics count each place in the areas of the unit map (no crosswalk here).
  await ownerOf(db).transaction().execute((tx) => rebuildUnitMap(tx));
  const a1 = (await db.insertInto('agencies').values({ code: 'fx-a1', name: 'Phòng Một', type: 'district_office' }).returning('id').executeTakeFirstOrThrow()).id;
  const a2 = (await db.insertInto('agencies').values({ code: 'fx-a2', name: 'Công an Hai', type: 'police' }).returning('id').executeTakeFirstOrThrow()).id;

  const k1 = await contact(db, { channel: 'voice', at: vn('2025-01-10 10:00'), callType: 'information', classification: 'not_relevant' });
  const k2 = await contact(db, {
    channel: 'sms', at: vn('2025-02-01 00:30'), callType: 'counselling', classification: 'other_child_protection', unitId: c1,
    victims: [{ sex: 'female', age: 8, band: '6-11', ethnicity: '02', nationality: 'VN' }, { sex: 'male', age: 15, band: '12-15', ethnicity: '01', nationality: 'VN' }],
  });
  const k3 = await contact(db, {
    channel: 'voice', at: vn('2025-03-05 09:00'), callType: 'report', classification: 'trafficking', purposes: ['forced_labour', 'sexual_exploitation'],
    indicators: ['easy_job_high_pay', 'passport_confiscated', 'violence'], country: 'KH',
    victims: [{ sex: 'female', age: 19, band: '18-24', ethnicity: '08', nationality: 'VN' }],
  });
  const k4 = await contact(db, {
    channel: 'zalo', at: vn('2025-04-20 15:00'), callType: 'report', classification: 'suspected_trafficking', purposes: ['forced_marriage'],
    indicators: ['marriage_broker'], unitId: c3,
    victims: [{ sex: 'female', age: 17, band: '16-17', ethnicity: null, nationality: 'CN' }, { sex: 'unknown', age: null, band: null, ethnicity: null, nationality: null }],
  });
  const k5 = await contact(db, {
    channel: 'voice', at: vn('2025-06-30 23:59'), callType: 'report', classification: 'trafficking', purposes: ['forced_labour'], unitId: e,
    victims: [{ sex: 'male', age: 30, band: '25-39', ethnicity: '01', nationality: 'VN' }],
  });
  const k6 = await contact(db, {
    channel: 'voice', at: vn('2025-07-01 00:00'), callType: 'report', classification: 'trafficking', purposes: ['forced_labour'], unitId: c1,
    victims: [{ sex: 'female', age: 20, band: '18-24', ethnicity: '01', nationality: 'VN' }],
  });
  const k7 = await contact(db, { channel: 'voice', at: new Date(vn('2025-01-01 00:00').getTime() - 1000), callType: 'information', classification: 'not_relevant' });
  const k8 = await contact(db, { channel: 'voice', at: vn('2025-05-05 08:00') });

  const r1 = await referral(db, { contactId: k2, agencyId: a1, status: 'closed', at: vn('2025-02-01 01:00'), ack: 0.5, firstAction: 4.5, close: 244.5, outcome: 'successful' });
  const r2 = await referral(db, { contactId: k3, agencyId: a1, status: 'in_progress', at: vn('2025-03-05 12:00'), ack: 2, firstAction: 26 });
  const r3 = await referral(db, { contactId: k3, track: 'police', agencyId: a2, status: 'accepted', at: vn('2025-03-05 12:00'), ack: 0.1 });
  const r4 = await referral(db, { contactId: k4, agencyId: a1, status: 'declined', at: vn('2025-04-20 16:00') });
  const r5 = await referral(db, { contactId: k4, agencyId: null, status: 'needs_supervisor', at: vn('2025-04-20 18:00') });
  const r6 = await referral(db, { contactId: k5, agencyId: a1, status: 'closed', at: vn('2025-06-30 23:59'), ack: 1, firstAction: 11, close: 491, outcome: 'not_successful' });
  const r7 = await referral(db, { contactId: k6, agencyId: a1, status: 'accepted', at: vn('2025-07-01 00:10'), ack: 1 });

  await clocks(db, r1, vn('2025-02-01 01:00'), ['met', 'met', 'met']);
  await clocks(db, r2, vn('2025-03-05 12:00'), ['late', 'running', 'running']);
  await clocks(db, r3, vn('2025-03-05 12:00'), ['met', 'running', 'running']);
  await clocks(db, r4, vn('2025-04-20 16:00'), ['stopped', 'stopped', 'stopped']);
  await clocks(db, r6, vn('2025-06-30 23:59'), ['met', 'late', 'breached']);
  await clocks(db, r7, vn('2025-07-01 00:10'), ['met', 'met', 'met']);

  const support = (referralId: number, regime: 'a' | 'b' | 'g', givenOn: string) =>
    db.insertInto('referral_support').values({ referral_id: referralId, regime, given_on: givenOn, recorded_by: recordedBy }).execute();
  await support(r1, 'a', '2025-02-02');
  await support(r1, 'g', '2025-02-03');
  await support(r1, 'a', '2025-02-10');
  await support(r2, 'a', '2025-03-07');
  await support(r6, 'b', '2025-07-02');

  return {
    units: { p1, c1, c2, p2, c3, q, d, e },
    agencies: { a1, a2 },
    contacts: { k1, k2, k3, k4, k5, k6, k7, k8 },
    referrals: { r1, r2, r3, r4, r5, r6, r7 },
  };
}
