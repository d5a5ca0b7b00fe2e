import { ROOMS } from '../../../shared/index.js';
import type { AppContext } from '../../app-context.js';

/**
 * Tells the supervisors' board that outbound messages were added or changed state, so its outbound-messages panel
 * re-reads them. Ids only: no number, no text, nothing personal travels on the socket or through Redis.
 */
export function notificationsChanged(ctx: Pick<AppContext, 'realtime'>, ids: readonly number[]): void {
  if (ids.length) ctx.realtime.emit(ROOMS.supervisors, 'notifications:changed', { ids: [...ids] });
}
