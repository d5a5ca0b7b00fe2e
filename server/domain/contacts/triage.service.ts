import { ROUTED_CLASSIFICATIONS, type ContactDetail, type ContactSummary, type DraftBody, type SessionUser, type WrapUpBody } from '../../../shared/index.js';
import type { AppContext } from '../../app-context.js';
import type { Executor } from '../../db/database.js';
import { writeAudit } from '../audit/audit.repo.js';
import type { RequestOrigin } from '../auth/auth.service.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import { decide } from '../disclosure/disclosure.js';
import { contactFacts } from '../disclosure/grants.js';
import { enqueueRoutingRequest } from '../routing/routing-outbox.js';
import { contactDetail } from './contact-detail.js';
import { contactEvents } from './contact-events.js';
import { claimContact, getContactRow, releaseContact, saveDraft, type ContactRow } from './contacts.repo.js';
import { storeWrapUp } from './wrap-up-write.js';
import { createCallDesk } from '../voice/call-desk.js';
import { nameTokenHashes } from '../search/name-index.js';
import { publishReferral } from '../referrals/referral-notify.js';
import { sealedText } from '../referrals/event-text.js';
import type { FieldCrypto } from '../crypto/field-crypto.js';
import { contactRef } from './contacts.repo.js';

/** A follow-up's 'new_information' event details: which contact, and its narrative sealed like every event text. */
function newsOf(crypto: FieldCrypto, contactId: number, narrative: string): Record<string, unknown> {
  return { followUpContactId: contactId, followUpRef: contactRef(contactId), ...sealedText(crypto, { note: narrative }) };
}

export type Actor = { user: SessionUser; origin: RequestOrigin };

/** Claim, draft, wrap-up: one operator at a time per contact, and nothing recorded is ever lost. */
export function createTriageService(ctx: Pick<AppContext, 'db' | 'realtime' | 'crypto' | 'clock' | 'queues' | 'log' | 'voice' | 'config'>) {
  const { db, crypto, clock } = ctx;
  const events = contactEvents(ctx);
  const desk = createCallDesk(ctx);

  async function load(id: number): Promise<ContactRow> {
    const row = await getContactRow(db, id);
    if (!row) throw new NotFoundError('no such contact');
    return row;
  }
  function assertHandler(row: ContactRow, user: SessionUser) {
    if (row.status === 'closed') throw new ConflictError('this contact is already wrapped up');
    if (row.claimed_by !== user.id) throw new ConflictError(row.claimed_by ? 'another operator is handling this contact' : 'claim this contact first');
  }
  async function audit(tx: Executor, actor: Actor, action: string, id: number, details?: Record<string, unknown>) {
    await writeAudit(tx, { actorUserId: actor.user.id, actorRole: actor.user.role, action, entityType: 'contact', entityId: id, ...actor.origin, details });
  }

  return {
    async claim(id: number, actor: Actor): Promise<ContactDetail> {
      const row = await load(id);
      const won = await db.transaction().execute(async (tx) => {
        const won = await claimContact(tx, id, actor.user.id, clock.now());
        if (won) await audit(tx, actor, 'contact.claim', id);
        return won;
      });
      if (!won) {
        if (row.claimed_by === actor.user.id && row.status === 'in_progress') return this.open(id, actor);
        throw new ConflictError(row.status === 'closed' ? 'this contact is already wrapped up' : 'another operator already took this contact');
      }
      await events.updated(id);
      // A call waiting in the queue is put through to whoever took it (a ringing offer of it ends: "taken").
      await desk.claimed(id, actor.user.id);
      return contactDetail(db, crypto, await load(id));
    },

    async release(id: number, actor: Actor): Promise<ContactSummary> {
      const row = await load(id);
      assertHandler(row, actor.user);
      await db.transaction().execute(async (tx) => {
        if (!(await releaseContact(tx, id, actor.user.id))) throw new ConflictError('this contact is no longer yours');
        await audit(tx, actor, 'contact.release', id);
      });
      await desk.wrapUpDone(id, actor.user.id);
      return (await events.updated(id))!;
    },

    /** The full record, as the disclosure decision allows: its handler, a supervisor, a granted operator. Every view is audited. */
    async open(id: number, actor: Actor): Promise<ContactDetail> {
      const row = await load(id);
      const facts = await contactFacts(db, id, actor.user);
      if (!facts || decide(actor.user, facts) !== 'disclose') throw new ForbiddenError('claim this contact to see it');
      await audit(db, actor, 'contact.view', id);
      return contactDetail(db, crypto, row);
    },

    async saveDraft(id: number, body: DraftBody, actor: Actor): Promise<{ version: number; savedAt: string }> {
      const row = await load(id);
      assertHandler(row, actor.user);
      const now = clock.now();
      const version = await saveDraft(db, id, actor.user.id, body.version, crypto.encrypt(JSON.stringify(body.draft)), now);
      if (version == null) throw new ConflictError(`the draft changed elsewhere (now version ${row.draft_version}); reload it`, { version: String(row.draft_version) });
      return { version, savedAt: now.toISOString() };
    },

    /**
     * Stores the classification; for cases to refer, the routing request is written in the same statement (the
     * transactional outbox) and its job is sent right after. A follow-up attached to its case (issue 17) writes none:
     * the case's open referrals get a 'new_information' event in the same statement, and their agencies hear of it
     * live; unless none is open any more, and then it is routed like a new contact, reopening its case. Nothing is
     * written unless the contact is still this operator's (and still so attached); the error says why.
     */
    async wrapUp(id: number, w: WrapUpBody, actor: Actor): Promise<ContactSummary> {
      const now = clock.now();
      const unitId = w.location.kind === 'unit' ? await unitIdOf(db, w.location.dataset, w.location.code, 'location.code') : null;
      const homeUnitId = w.homeLocation.kind === 'unit' ? await unitIdOf(db, w.homeLocation.dataset, w.homeLocation.code, 'homeLocation.code') : null;
      // A follow-up attached to its case is routed only when its case has no open referral to hear the news (storeWrapUp).
      const routable = (ROUTED_CLASSIFICATIONS as readonly string[]).includes(w.classification);
      const written = await storeWrapUp(db, {
        contactId: id, operator: { id: actor.user.id, role: actor.user.role, ...actor.origin }, at: now, body: w,
        locationUnitId: unitId, homeUnitId, narrativeEnc: crypto.encryptNullable(w.narrative), wishesNoteEnc: crypto.encryptNullable(w.wishesNote), routable,
        victimNames: w.victims.map((v) => ({ enc: crypto.encryptNullable(v.name), hashes: nameTokenHashes(crypto, v.name) })),
        news: newsOf(crypto, id, w.narrative),
      });
      if (!written) {
        assertHandler(await load(id), actor.user);
        throw new ConflictError('this contact changed meanwhile (its case?); reload it');
      }
      const { summary, informed, routed, operatorAvailable } = written;
      // Best effort now; the scheduled relay sends whatever this misses.
      if (routed) await enqueueRoutingRequest(ctx, id, now).catch((e) => ctx.log.warn(`routing relay for contact ${id} deferred: ${(e as Error).message}`));
      for (const referralId of informed) await publishReferral(ctx, referralId, 'referral:updated');
      events.announce(summary, false);
      if (operatorAvailable) desk.becameAvailable();
      ctx.log.info({ contactId: id, userId: actor.user.id, routed }, 'wrapped up');
      return summary;
    },
  };
}
export type TriageService = ReturnType<typeof createTriageService>;

/** Unit ids are reference data (imported once, never renumbered): each process keeps those it has looked up. */
const unitIds = new WeakMap<Executor, Map<string, number>>();

async function unitIdOf(db: Executor, dataset: string, code: string, field: string): Promise<number> {
  let cache = unitIds.get(db);
  if (!cache) unitIds.set(db, (cache = new Map()));
  const hit = cache.get(`${dataset}:${code}`);
  if (hit != null) return hit;
  const u = await db.selectFrom('admin_units').select('id').where('dataset', '=', dataset as never).where('code', '=', code).executeTakeFirst();
  if (!u) throw new ValidationError('unknown administrative unit', { [field]: `no unit ${code} in ${dataset}` });
  if (cache.size < 20_000) cache.set(`${dataset}:${code}`, u.id);
  return u.id;
}
