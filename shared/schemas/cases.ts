import { z } from 'zod';
import { rowId } from './limits.js';

/** POST /api/contacts/:id/case: attach the contact being handled to an earlier case (its first contact's id, or any of its contacts). */
export const attachCaseBody = z.object({ caseId: rowId }).strict();
export type AttachCaseBody = z.infer<typeof attachCaseBody>;
