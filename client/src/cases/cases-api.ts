import { useQuery } from '@tanstack/react-query';
import type { CaseHistory, ContactDetail } from '../../../shared/index.js';
import { http } from '../api/http.js';

/** GET /api/cases/:id: the case from first call to closure, as the server lets this user see it (audited). */
export function useCaseHistory(id: number) {
  return useQuery({
    queryKey: ['case-history', id],
    queryFn: ({ signal }) => http.get<{ case: CaseHistory }>(`/api/cases/${id}`, signal).then((r) => r.case),
    retry: false,
  });
}

export const attachCase = (contactId: number, caseId: number) =>
  http.post<{ contact: ContactDetail }>(`/api/contacts/${contactId}/case`, { caseId }).then((r) => r.contact);

export const detachCase = (contactId: number) => http.delete<{ contact: ContactDetail }>(`/api/contacts/${contactId}/case`).then((r) => r.contact);

/** "LH-000123", "lh 123" or "123": the contact id, or null. */
export function parseCaseRef(text: string): number | null {
  const m = /^\s*(?:lh[\s-]*)?0*(\d{1,10})\s*$/i.exec(text);
  const n = m ? Number(m[1]) : NaN;
  return Number.isInteger(n) && n > 0 && n <= 2_147_483_647 ? n : null;
}
