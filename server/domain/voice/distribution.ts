import { ROOMS, type OfferEndReason } from '../../../shared/index.js';
import type { AppContext } from '../../app-context.js';
import { getSummaries } from '../contacts/contacts.repo.js';
import { endOffers, missedInARow, pairCallsWithOperators, type EndedOffer, type OfferRow } from './offers.repo.js';
import { backOfLine, setStatus } from './operator-status.repo.js';

type Ctx = Pick<AppContext, 'db' | 'clock' | 'realtime' | 'config' | 'log'>;

/** Two offers in a row rang out unanswered: the operator is not at their desk, and goes on a break. */
const MISSED_BEFORE_BREAK = 2;

/**
 * Push distribution: a waiting call rings in the console of the available operator idle longest; unanswered within
 * VOICE_OFFER_TIMEOUT_SECONDS it rings in the next one. `kick()` runs a dispatch soon, one at a time per process
 * (a burst of calls, answers and hang-ups costs one statement, not one each); each offer's expiry is timed here, and
 * the workers' sweeper catches any this process did not live to see.
 */
export function createDistributor(ctx: Ctx) {
  const { db, clock } = ctx;
  const timers = new Map<number, NodeJS.Timeout>();
  let running: Promise<void> | null = null;
  let again = false;

  function arm(o: OfferRow) {
    const delay = Math.max(0, o.expires_at.getTime() - clock.now().getTime()) + 50;
    const t = setTimeout(() => {
      timers.delete(o.id);
      void expireOverdue().catch((e) => ctx.log.error(`offer expiry failed: ${(e as Error).message}`));
    }, delay);
    t.unref();
    timers.set(o.id, t);
  }

  function ended(offers: EndedOffer[], reason: OfferEndReason) {
    for (const o of offers) {
      const t = timers.get(o.id);
      if (t) clearTimeout(t);
      timers.delete(o.id);
      ctx.realtime.emit(ROOMS.user(o.operator_id), 'call:offer-ended', { offerId: o.id, contactId: o.contact_id, reason });
    }
  }

  async function dispatchNow(): Promise<OfferRow[]> {
    const offers = await pairCallsWithOperators(db, clock.now(), ctx.config.VOICE_OFFER_TIMEOUT_SECONDS);
    if (offers.length === 0) return offers;
    const summaries = new Map((await getSummaries(db, offers.map((o) => o.contact_id))).map((s) => [s.id, s]));
    for (const o of offers) {
      const contact = summaries.get(o.contact_id);
      if (!contact) continue;
      ctx.realtime.emit(ROOMS.user(o.operator_id), 'call:offered', {
        offerId: o.id, contactId: o.contact_id, contact, expiresAt: o.expires_at.toISOString(), training: contact.training,
      });
      arm(o);
    }
    return offers;
  }

  /** Offers whose time ran out: the operator goes to the back of the line (or on a break), the call to the next. */
  async function expireOverdue(): Promise<number> {
    const now = clock.now();
    const expired = await endOffers(db, { overdueAt: now }, 'expired', now);
    ended(expired, 'expired');
    for (const o of expired) {
      if (await missedInARow(db, o.operator_id, MISSED_BEFORE_BREAK)) await setStatus(db, o.operator_id, 'break', now, { onlyFrom: ['available'] });
      else await backOfLine(db, o.operator_id, now);
    }
    if (expired.length) {
      ctx.realtime.presenceChanged();
      kick();
    }
    return expired.length;
  }

  function kick() {
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        await dispatchNow();
      } while (again);
    })()
      .catch((e) => ctx.log.error(`call dispatch failed: ${(e as Error).message}`))
      .finally(() => (running = null));
  }

  return {
    kick,
    /** Dispatches now and waits (tests, the sweeper). */
    dispatchNow,
    expireOverdue,
    /** Ends ringing offers (the caller left, a colleague took the call, the operator declined or left): the call goes on. */
    async endOffers(where: { offerId?: number; contactId?: number; operatorId?: number }, reason: OfferEndReason) {
      const state = reason === 'declined' ? 'declined' : 'cancelled';
      const offers = await endOffers(db, where, state, clock.now());
      ended(offers, reason);
      if (offers.length) kick();
      return offers;
    },
    /** Tells the consoles an offer ended, for an offer ended in a caller's transaction (an accept). */
    announceEnded: ended,
    idle: () => running ?? Promise.resolve(),
    stop() {
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
    },
  };
}
export type Distributor = ReturnType<typeof createDistributor>;

/** One distributor per process and live channel (its timers and its coalescing belong to that process). */
const distributors = new WeakMap<object, Distributor>();
export function distributorFor(ctx: Ctx): Distributor {
  let d = distributors.get(ctx.realtime);
  if (!d) distributors.set(ctx.realtime, (d = createDistributor(ctx)));
  return d;
}
