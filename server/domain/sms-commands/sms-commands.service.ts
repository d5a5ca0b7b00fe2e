import type { SessionUser } from '../../../shared/index.js';
import type { AppContext } from '../../app-context.js';
import type { Executor } from '../../db/database.js';
import { writeAudit } from '../audit/audit.repo.js';
import { maskPhone } from '../crypto/field-crypto.js';
import { contactRef } from '../contacts/contacts.repo.js';
import { ConflictError, NotFoundError } from '../errors.js';
import { enqueueNotifications } from '../referrals/referral-notify.js';
import { referralsServiceFor } from '../referrals/referrals.factory.js';
import type { Actor } from '../referrals/referrals.service.js';
import { vnDay } from '../../../shared/time.js';
import { findCode } from './codes.js';
import type { Parsed, SmsCommand } from './parse.js';
import { replyText, type Reply } from './replies.js';

type Ctx = Pick<AppContext, 'db' | 'crypto' | 'clock' | 'queues' | 'realtime' | 'log' | 'config'>;
type Officer = SessionUser & { phone: string };

/** The ways a number may be written in a user's record: +84…, 84…, 0… */
function storedForms(e164: string): string[] {
  const national = e164.startsWith('+84') ? `0${e164.slice(3)}` : null;
  return [e164, e164.slice(1), ...(national ? [national] : [])];
}

/** Active agency officers whose registered phone is this number (one person may serve several agencies). */
async function officersWithPhone(db: Executor, e164: string): Promise<Officer[]> {
  const rows = await db
    .selectFrom('users as u')
    .leftJoin('agencies as a', 'a.id', 'u.agency_id')
    .select(['u.id', 'u.username', 'u.display_name', 'u.role', 'u.agency_id', 'a.name as agency_name', 'u.locale', 'u.phone'])
    .where('u.role', '=', 'agency_officer')
    .where('u.active', '=', true)
    .where('u.agency_id', 'is not', null)
    .where('u.phone', 'in', storedForms(e164))
    .orderBy('u.id')
    .execute();
  return rows.map((r) => ({
    id: r.id, username: r.username, displayName: r.display_name, role: r.role, agencyId: r.agency_id, agencyName: r.agency_name,
    locale: r.locale, phone: r.phone!,
  }));
}

/**
 * Acts on a referral from a focal point's SMS answer as if they had clicked in the console: the same service, the
 * same rules and state checks, the same audit (through an SMS origin), plus a row per command and a reply SMS. Only
 * from a phone registered to an officer of the agency holding the referral, with that referral's code still valid.
 * A retried MessageSid changes nothing and is not answered twice.
 */
export function createSmsCommandsService(ctx: Ctx) {
  const referrals = referralsServiceFor(ctx);
  const origin = { ip: null, userAgent: 'sms' };

  async function reply(to: string, text: string, referralId: number | null) {
    const at = ctx.clock.now();
    const [n] = await ctx.db
      .insertInto('notifications')
      .values({ purpose: 'command_reply', channel: 'sms', to_enc: ctx.crypto.encrypt(to), to_masked: maskPhone(to) ?? '••••', body_enc: ctx.crypto.encrypt(text), referral_id: referralId, created_at: at, updated_at: at })
      .returning('id')
      .execute();
    await enqueueNotifications(ctx, [n!.id], at);
  }

  async function act(command: SmsCommand, referralId: number, officer: Officer): Promise<Reply> {
    const actor: Actor = { user: officer, origin };
    const row = await ctx.db.selectFrom('referrals').select(['contact_id', 'status']).where('id', '=', referralId).executeTakeFirstOrThrow();
    const ref = contactRef(Number(row.contact_id));
    try {
      if (command.kind === 'accept') await referrals.accept(referralId, actor);
      else if (command.kind === 'decline') await referrals.decline(referralId, command.reason, actor);
      else {
        const givenOn = vnDay(ctx.clock.now());
        for (const regime of command.regimes) await referrals.recordSupport(referralId, { regime, givenOn, note: command.note }, actor);
      }
    } catch (err) {
      if (!(err instanceof ConflictError || err instanceof NotFoundError)) throw err;
      const now = await ctx.db.selectFrom('referrals').select('status').where('id', '=', referralId).executeTakeFirstOrThrow();
      return { kind: 'conflict', ref, status: now.status };
    }
    if (command.kind === 'support') return { kind: 'support', ref, regimes: command.regimes };
    return { kind: command.kind === 'accept' ? 'accepted' : 'declined', ref };
  }

  /** What the command does, and who did it (null: nobody registered). */
  async function decide(parsed: Exclude<Parsed, null>, officers: Officer[]): Promise<{ reply: Reply; referralId: number | null; officer: Officer | null }> {
    if (officers.length === 0) return { reply: { kind: 'unregistered' }, referralId: null, officer: null };
    if (!parsed.ok) return { reply: { kind: 'malformed', command: parsed.kind, problem: parsed.problem }, referralId: null, officer: officers[0]! };
    const { code } = parsed.command;
    const found = await findCode(ctx.db, code, ctx.clock.now());
    const referral = found && (await ctx.db.selectFrom('referrals').select(['agency_id', 'contact_id']).where('id', '=', found.referralId).executeTakeFirst());
    // Another agency's code reads as an unknown one: the answer tells nothing about other agencies' cases.
    const officer = referral ? officers.find((o) => o.agencyId === referral.agency_id) : undefined;
    if (!found || !referral || !officer) return { reply: { kind: 'unknown_code', code }, referralId: null, officer: officers[0]! };
    if (found.expired) return { reply: { kind: 'expired', code, ref: contactRef(Number(referral.contact_id)) }, referralId: found.referralId, officer };
    return { reply: await act(parsed.command, found.referralId, officer), referralId: found.referralId, officer };
  }

  return {
    async handle(p: { messageSid: string; from: string; parsed: Exclude<Parsed, null> }): Promise<{ duplicate: true } | { duplicate: false; reply: Reply }> {
      const now = ctx.clock.now();
      const command = p.parsed.ok ? p.parsed.command.kind : p.parsed.kind;
      const inserted = await ctx.db
        .insertInto('sms_commands')
        .values({ message_sid: p.messageSid, from_hash: ctx.crypto.lookupHash(p.from), command, code: p.parsed.ok ? p.parsed.command.code : null, received_at: now })
        .onConflict((oc) => oc.column('message_sid').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!inserted) return { duplicate: true }; // a retried MessageSid: acted on and answered already
      const officers = await officersWithPhone(ctx.db, p.from);
      const { reply: r, referralId, officer } = await decide(p.parsed, officers);
      await ctx.db.updateTable('sms_commands').set({ outcome: r.kind, referral_id: referralId, user_id: officer?.id ?? null }).where('id', '=', inserted.id).execute();
      if (!['accepted', 'declined', 'support'].includes(r.kind))
        await writeAudit(ctx.db, {
          actorUserId: officer?.id ?? null, actorRole: officer?.role ?? null, action: 'sms_command.refused', entityType: referralId ? 'referral' : 'sms_command',
          entityId: referralId ?? inserted.id, ...origin, details: { command, outcome: r.kind },
        });
      await reply(p.from, replyText(r, officer?.locale ?? 'vi'), referralId);
      return { duplicate: false, reply: r };
    },
  };
}
export type SmsCommandsService = ReturnType<typeof createSmsCommandsService>;
