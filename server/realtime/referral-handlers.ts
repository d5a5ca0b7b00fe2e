import { declinePayload, referralIdPayload } from '../../shared/index.js';
import type { AppContext } from '../app-context.js';
import { referralsServiceFor } from '../domain/referrals/referrals.factory.js';
import { ackEvents, socketActor, type ServerSocket } from './socket-ack.js';

/** Agency inbox actions over the socket; the service enforces "own agency only" exactly as on REST. */
export function registerReferralHandlers(socket: ServerSocket, ctx: AppContext) {
  const referrals = referralsServiceFor(ctx);
  const on = ackEvents(socket, ctx.log);
  on('referral:accept', ['agency_officer'], referralIdPayload, (p) => referrals.accept(p.referralId, socketActor(socket)));
  on('referral:decline', ['agency_officer'], declinePayload, (p) => referrals.decline(p.referralId, p.reason, socketActor(socket)));
}
