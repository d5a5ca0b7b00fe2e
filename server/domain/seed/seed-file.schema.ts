import { z } from 'zod';
import { AGENCY_CODE_RE, agencyBody, password, ROLES, USERNAME_RE } from '../../../shared/index.js';

const agencyCode = z.string().trim().toLowerCase().regex(AGENCY_CODE_RE, 'agency code: 2-80 of a-z 0-9 -');

/** An agency as in the admin API, but linked to its parent by code: ids differ between databases. */
export const seedAgency = agencyBody.safeExtend({
  parentAgencyId: z.null().default(null),
  parentCode: agencyCode.nullable().default(null),
});
export type SeedAgency = z.infer<typeof seedAgency>;

export const seedUser = z
  .object({
    username: z.string().trim().toLowerCase().regex(USERNAME_RE, 'username: 3-64 of a-z 0-9 . _ -'),
    displayName: z.string().trim().min(1).max(120),
    role: z.enum(ROLES),
    agencyCode: agencyCode.nullable().default(null),
    password,
    phone: z.string().trim().max(20).nullable().default(null),
    locale: z.enum(['vi', 'en']).default('vi'),
  })
  .superRefine((u, ctx) => {
    if ((u.role === 'agency_officer') !== (u.agencyCode != null))
      ctx.addIssue({ code: 'custom', path: ['agencyCode'], message: 'agency officers, and only they, name an agencyCode' });
  });
export type SeedUser = z.infer<typeof seedUser>;

/** A seed file: agencies (any order; parents may come later) and users. Both lists are optional. */
export const seedFile = z
  .object({
    agencies: z.array(seedAgency).max(10000).default([]),
    users: z.array(seedUser).max(10000).default([]),
  })
  .superRefine((s, ctx) => {
    const dup = <T>(items: T[], key: (t: T) => string, list: string, field: string) => {
      const seen = new Set<string>();
      items.forEach((t, i) => {
        if (seen.has(key(t))) ctx.addIssue({ code: 'custom', path: [list, i, field], message: `duplicate ${field} "${key(t)}"` });
        seen.add(key(t));
      });
    };
    dup(s.agencies, (a) => a.code, 'agencies', 'code');
    dup(s.users, (u) => u.username, 'users', 'username');
  });
export type SeedFile = z.infer<typeof seedFile>;
