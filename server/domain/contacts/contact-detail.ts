import type { CaseLink, ContactDetail, ContactMessage, ContactSummary, RepeatContact, WrapUpBody } from '../../../shared/index.js';
import type { Executor } from '../../db/database.js';
import type { FieldCrypto } from '../crypto/field-crypto.js';
import { earlierContacts, getSummary, type ContactRow } from './contacts.repo.js';
import { listMessages } from './messages.repo.js';
import { caseLink } from '../cases/cases.repo.js';

/** Rebuilds what the operator recorded from the stored (partly encrypted) columns and the victims table. */
async function storedWrapUp(db: Executor, crypto: FieldCrypto, row: ContactRow): Promise<WrapUpBody | null> {
  if (!row.classification || !row.call_type) return null;
  const victims = await db.selectFrom('contact_victims').selectAll().where('contact_id', '=', row.id).orderBy('position').execute();
  const unitById = (id: number | null) =>
    id ? db.selectFrom('admin_units').select(['dataset', 'code']).where('id', '=', id).executeTakeFirst() : Promise.resolve(null);
  const [unit, home] = await Promise.all([unitById(row.location_unit_id), unitById(row.home_unit_id)]);
  return {
    callType: row.call_type,
    classification: row.classification,
    purposes: row.purposes as WrapUpBody['purposes'],
    indicators: row.indicators as WrapUpBody['indicators'],
    victims: victims.map((v) => ({
      name: crypto.decryptNullable(v.name_enc),
      sex: v.sex as WrapUpBody['victims'][number]['sex'],
      age: v.age,
      ageBand: v.age_band as WrapUpBody['victims'][number]['ageBand'],
      ethnicity: v.ethnicity,
      nationality: v.nationality,
      under18: v.under18,
    })),
    location:
      row.location_kind === 'unit' && unit
        ? { kind: 'unit', dataset: unit.dataset, code: unit.code }
        : row.location_kind === 'abroad'
          ? { kind: 'abroad', country: row.location_country! }
          : { kind: 'unknown' },
    homeLocation: home ? { kind: 'unit', dataset: home.dataset, code: home.code } : { kind: 'unknown' },
    immediateDanger: row.immediate_danger,
    wishes: (row.wishes ?? 'unknown') as WrapUpBody['wishes'],
    wishesNote: crypto.decryptNullable(row.wishes_note_enc),
    needs: row.needs as WrapUpBody['needs'],
    consent: row.consent,
    narrative: crypto.decryptNullable(row.narrative_enc) ?? '',
  };
}

/** What a detail adds to the contact's row, read separately (or known already, for a contact just created). */
export interface DetailParts {
  summary: ContactSummary;
  wrapUp: WrapUpBody | null;
  messages: ContactMessage[];
  earlierContacts: RepeatContact[];
  /** The case it is attached to (none for a contact just created). */
  case?: CaseLink | null;
}

/** The full, decrypted record for someone allowed to see it (the caller audits the view). */
export async function contactDetail(db: Executor, crypto: FieldCrypto, row: ContactRow): Promise<ContactDetail> {
  return detailFrom(crypto, row, {
    summary: (await getSummary(db, row.id))!,
    wrapUp: await storedWrapUp(db, crypto, row),
    messages: await listMessages(db, crypto, row.id),
    earlierContacts: row.caller_phone_hash ? await earlierContacts(db, row.caller_phone_hash, row.id) : [],
    case: row.case_contact_id != null ? await caseLink(db, row.case_contact_id) : null,
  });
}

/** Assembles the detail from the row and its parts, decrypting the row's own fields. */
export function detailFrom(crypto: FieldCrypto, row: ContactRow, parts: DetailParts): ContactDetail {
  return {
    ...parts.summary,
    callerPhone: crypto.decryptNullable(row.caller_phone_enc),
    callerHandle: crypto.decryptNullable(row.caller_handle_enc),
    endedAt: row.ended_at ? new Date(row.ended_at).toISOString() : null,
    durationSeconds: row.duration_seconds,
    // Played through GET /api/contacts/:id/recording (audited): Twilio's URL never reaches a browser.
    recording: row.recording_sid && !row.recording_deleted_at && row.recording_status === 'completed' ? { seconds: row.recording_seconds } : null,
    answeredAt: row.answered_at ? new Date(row.answered_at).toISOString() : null,
    waitSeconds: row.wait_seconds,
    voicemail: row.voicemail,
    draft: row.draft_enc ? (JSON.parse(crypto.decrypt(row.draft_enc)) as Record<string, unknown>) : null,
    draftVersion: row.draft_version,
    wrapUp: parts.wrapUp,
    callType: row.call_type,
    messages: parts.messages,
    earlierContacts: parts.earlierContacts,
    case: parts.case ?? null,
  };
}
