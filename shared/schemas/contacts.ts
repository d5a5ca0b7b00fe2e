import { z } from 'zod';
import {
  AGE_BANDS, CALL_TYPES, CLASSIFICATIONS, CONSENTS, MANUAL_CHANNELS, TRAFFICKING_PURPOSES, VICTIM_SEXES, WISHES,
  ageBandOf, type Classification,
} from '../intake.js';
import { SUPPORT_REGIMES } from '../agencies.js';
import { isCountryCode } from '../country-codes.js';
import { ETHNICITY_CODES } from '../ethnicity/groups.js';
import { INDICATORS } from '../triage/indicators.js';
import { UNIT_DATASETS } from '../units.js';
import { phoneNumber, unitCode } from './common.js';
import { boundedJson, CLEAN_TEXT_MESSAGE, INT4_MAX, isCleanText, isoDateTime, rowId, text, trimmedText } from './limits.js';

/** ISO 3166-1 alpha-2 country code, e.g. KH (Cambodia), CN (China), LA (Laos), MM (Myanmar): one that exists. */
export const countryCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, 'country must be a 2-letter ISO code')
  .refine(isCountryCode, 'not an ISO 3166-1 country code');

/** The GSO code of the victim's ethnic group (shared/ethnicity/groups.ts); null when not known. */
export const ethnicityCode = z.enum(ETHNICITY_CODES, { error: 'not an ethnic group code (01–54, or 55 for a foreign national)' });

export const location = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('unit'), dataset: z.enum(UNIT_DATASETS), code: unitCode }),
  z.object({ kind: z.literal('abroad'), country: countryCode.refine((c) => c !== 'VN', 'abroad means outside Viet Nam') }),
  z.object({ kind: z.literal('unknown') }),
]);
export type Location = z.infer<typeof location>;

/** Where the victim lives (the office there follows up a return home); a unit or unknown. */
export const homeLocation = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('unit'), dataset: z.enum(UNIT_DATASETS), code: unitCode }),
  z.object({ kind: z.literal('unknown') }),
]);
export type HomeLocation = z.infer<typeof homeLocation>;

export const victim = z
  .object({
    /** The victim's name as the caller gives it, optional: encrypted at rest, found by search through its blind index. */
    name: trimmedText(200).nullable().default(null).transform((n) => n || null),
    sex: z.enum(VICTIM_SEXES).default('unknown'),
    age: z.number().int('age must be a whole number').min(0, 'age must be between 0 and 120').max(120, 'age must be between 0 and 120').nullable().default(null),
    ageBand: z.enum(AGE_BANDS).nullable().default(null),
    ethnicity: ethnicityCode.nullable().default(null),
    nationality: countryCode.nullable().default('VN'),
    under18: z.boolean().nullable().default(null),
  })
  .transform((v) => {
    // An exact age decides the band and the under-18 flag; otherwise the operator's band/flag stand.
    if (v.age != null) return { ...v, ageBand: ageBandOf(v.age), under18: v.age < 18 };
    return v;
  });
export type Victim = z.infer<typeof victim>;
export type VictimInput = z.input<typeof victim>;

/** What the operator records. The draft is the same shape with everything optional. */
const triageFields = {
  callType: z.enum(CALL_TYPES),
  classification: z.enum(CLASSIFICATIONS),
  purposes: z.array(z.enum(TRAFFICKING_PURPOSES)).max(TRAFFICKING_PURPOSES.length).default([]),
  indicators: z.array(z.enum(INDICATORS)).max(INDICATORS.length).default([]),
  victims: z.array(victim).max(50).default([]),
  location: location.default({ kind: 'unknown' }),
  homeLocation: homeLocation.default({ kind: 'unknown' }),
  immediateDanger: z.boolean().default(false),
  wishes: z.enum(WISHES).default('unknown'),
  wishesNote: trimmedText(500).nullable().default(null),
  needs: z.array(z.enum(SUPPORT_REGIMES)).default([]),
  consent: z.enum(CONSENTS).default('none'),
  narrative: text(20_000).default(''),
};

const REFERRED: readonly Classification[] = ['trafficking', 'suspected_trafficking', 'other_child_protection'];

export const wrapUpBody = z.object(triageFields).superRefine((c, ctx) => {
  if ((c.classification === 'trafficking' || c.classification === 'suspected_trafficking') && c.purposes.length === 0)
    ctx.addIssue({ code: 'custom', path: ['purposes'], message: 'a trafficking classification needs at least one purpose' });
  if (REFERRED.includes(c.classification) && c.victims.length === 0)
    ctx.addIssue({ code: 'custom', path: ['victims'], message: 'a case to refer needs at least one victim' });
  if (c.classification === 'not_relevant' && c.immediateDanger)
    ctx.addIssue({ code: 'custom', path: ['immediateDanger'], message: 'a contact in immediate danger cannot be not relevant' });
});
export type WrapUpBody = z.infer<typeof wrapUpBody>;
export type WrapUpInput = z.input<typeof wrapUpBody>;

/** Autosaved draft: the form exactly as it stands, half-typed work included, so it is never refused (only its size is). */
export const draftBody = z.object({
  version: z.number().int().min(0).max(INT4_MAX),
  /** A form is a few levels deep; 32 leaves room and stops a body built to exhaust the stack. */
  draft: boundedJson({ maxDepth: 32, maxChars: 100_000 }),
});
export type DraftBody = z.infer<typeof draftBody>;

export const manualIntakeBody = z.object({
  channel: z.enum(MANUAL_CHANNELS),
  callerPhone: phoneNumber.nullable().default(null),
  /** Handle on the channel (Zalo/Facebook name, email address): stored encrypted like a phone. */
  callerHandle: trimmedText(200).nullable().default(null),
  receivedAt: isoDateTime().optional(),
  summary: trimmedText(2000).default(''),
  /** Claim it for myself straight away (the usual case for a walk-in). */
  claim: z.boolean().default(true),
});
export type ManualIntakeBody = z.infer<typeof manualIntakeBody>;

export const replyBody = z.object({
  body: z.string().trim().min(1, 'message is empty').max(1600, 'message is too long').refine(isCleanText, CLEAN_TEXT_MESSAGE),
});

/** A supervisor lets one operator see one case's identity for a while (server/domain/disclosure/). */
export const disclosureGrantBody = z.object({
  userId: z.number().int().positive(),
  hours: z.number().int().min(1, 'at least 1 hour').max(72, 'at most 72 hours').default(8),
});

/** Socket.IO payloads, parsed with the same rules as the REST bodies. */
export const contactIdPayload = z.object({ contactId: rowId });
export const draftSavePayload = draftBody.extend({ contactId: rowId });
export const wrapUpPayload = z.object({ contactId: rowId, wrapUp: wrapUpBody });
export const messageSendPayload = replyBody.extend({ contactId: rowId });
export const messageGetPayload = z.object({ contactId: rowId, messageId: rowId });
