import type { WrapUpInput } from '../../shared/index.js';
import { testEnv } from './test-env.js';
import type { Database } from '../../server/db/database.js';
import { newSid, signedTwilioPost } from './twilio.js';

export const PUBLIC_URL = 'https://hotline111.test';

/** A queued voice contact, created through a signed webhook exactly as Twilio would. */
export async function incomingCall(
  baseUrl: string,
  from = `+8491${Math.floor(1e7 + Math.random() * 9e7)}`,
  db: Database = testEnv().db,
): Promise<{ id: number; callSid: string; from: string }> {
  const callSid = newSid('CA');
  const r = await signedTwilioPost(baseUrl, '/webhooks/twilio/voice', { CallSid: callSid, From: from, CallStatus: 'ringing' }, { publicBaseUrl: PUBLIC_URL });
  if (r.status !== 200) throw new Error(`voice webhook answered ${r.status}: ${r.text}`);
  const row = await db.selectFrom('contacts').select('id').where('twilio_sid', '=', callSid).executeTakeFirstOrThrow();
  return { id: row.id, callSid, from };
}

export async function incomingSms(baseUrl: string, from: string, body: string) {
  const sid = newSid('SM');
  const r = await signedTwilioPost(baseUrl, '/webhooks/twilio/messaging', { MessageSid: sid, From: from, Body: body }, { publicBaseUrl: PUBLIC_URL });
  if (r.status !== 200) throw new Error(`messaging webhook answered ${r.status}: ${r.text}`);
  const m = await testEnv().db.selectFrom('contact_messages').select('contact_id').where('twilio_sid', '=', sid).executeTakeFirstOrThrow();
  return { contactId: m.contact_id, sid };
}

/** A complete trafficking wrap-up in Vị Xuyên (three-tier unit 030 of the 2023 dataset). */
export function traffickingWrapUp(overrides: Partial<WrapUpInput> = {}): WrapUpInput {
  return {
    callType: 'report',
    classification: 'trafficking',
    purposes: ['forced_labour'],
    indicators: ['easy_job_high_pay', 'passport_confiscated', 'forced_work_quotas'],
    victims: [{ sex: 'female', age: 16, ethnicity: '08', nationality: 'VN' }],
    location: { kind: 'abroad', country: 'KH' },
    immediateDanger: false,
    wishes: 'go_home',
    needs: ['a', 'g'],
    consent: 'victim',
    narrative: 'Em gái 16 tuổi bị lừa sang Campuchia làm việc nhẹ lương cao, bị giữ hộ chiếu.',
    ...overrides,
  };
}
