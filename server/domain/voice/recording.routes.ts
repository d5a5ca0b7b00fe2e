import { idParam } from '../../../shared/index.js';
import type { AppContext } from '../../app-context.js';
import { only, route, type RouteDef } from '../../http/routes.js';
import { requestOrigin } from '../../http/session.js';
import { validate } from '../../http/validate.js';
import { writeAudit } from '../audit/audit.repo.js';
import { ForbiddenError, NotFoundError } from '../errors.js';
import { CallGoneError } from './voice-port.js';

/**
 * A call's recording, played through the server: authenticated, audited, streamed from Twilio with the account's
 * credentials. Twilio's URL never reaches a browser. The handling operator, whoever wrapped the contact up, and
 * supervisors may listen (the same rule as opening the contact).
 */
export function recordingRoutes(ctx: Pick<AppContext, 'db' | 'voice'>): RouteDef[] {
  return [
    route('get', '/contacts/:id/recording', only('operator', 'supervisor'), validate({ params: idParam }), async (req, res) => {
      const id = (req.params as unknown as { id: number }).id;
      const c = await ctx.db.selectFrom('contacts').select(['recording_sid', 'recording_deleted_at', 'claimed_by', 'closed_by']).where('id', '=', id).executeTakeFirst();
      if (!c) throw new NotFoundError('no such contact');
      const user = req.user!;
      if (user.role !== 'supervisor' && c.claimed_by !== user.id && c.closed_by !== user.id) throw new ForbiddenError('claim this contact to hear it');
      if (!c.recording_sid || c.recording_deleted_at) throw new NotFoundError('this call has no recording (or it was deleted after the retention period)');
      await writeAudit(ctx.db, { actorUserId: user.id, actorRole: user.role, action: 'contact.recording.play', entityType: 'contact', entityId: id, ...requestOrigin(req) });
      const media = await ctx.voice.fetchRecording(c.recording_sid).catch((err: unknown) => {
        throw err instanceof CallGoneError ? new NotFoundError('the recording is no longer at Twilio') : err;
      });
      res.setHeader('Content-Type', media.contentType);
      if (media.contentLength != null) res.setHeader('Content-Length', String(media.contentLength));
      res.setHeader('Cache-Control', 'no-store');
      media.body.pipe(res);
    }),
  ];
}
