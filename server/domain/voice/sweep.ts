import type { AppContext } from '../../app-context.js';
import { distributorFor } from './distribution.js';
import { endOverdueWrapUps } from './operator-status.repo.js';

/**
 * The phone line's safety net, run every few seconds by the workers: offers whose ringing time passed (their server
 * may have died with its timer), wrap-ups past their maximum, and a dispatch, so a lost event never strands a caller.
 */
export async function sweepCalls(ctx: Pick<AppContext, 'db' | 'clock' | 'realtime' | 'config' | 'log' | 'voice'>) {
  const distributor = distributorFor(ctx);
  const expired = await distributor.expireOverdue();
  const available = await endOverdueWrapUps(ctx.db, ctx.clock.now());
  if (available.length) ctx.realtime.presenceChanged();
  const offered = (await distributor.dispatchNow()).length;
  return { expiredOffers: expired, wrapUpsEnded: available.length, offered };
}
