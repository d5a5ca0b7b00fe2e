import { sql, type Kysely } from 'kysely';
import { ETHNIC_GROUPS } from '../../../shared/ethnicity/groups.js';
import { ethnicityFromText } from '../../../shared/ethnicity/ethnicity.js';

/**
 * contact_victims.ethnicity: free text → the GSO code of the ethnic group ('01' Kinh … '54' Rơ-măm, '55' a foreign
 * national; shared/ethnicity/groups.ts), so the statistics can count each group. Each distinct stored answer is read
 * once by the same matcher the console uses (accents, case, "dân tộc"/"người" and a parenthesis do not matter);
 * an answer that names no group exactly becomes null (unknown) rather than a guess. The update fires the victims'
 * report trigger, so the next rollup refresh recounts those days by group.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const { rows } = await sql<{ text: string }>`select distinct ethnicity as text from contact_victims where ethnicity is not null`.execute(db);
  const pairs = rows.map((r) => ({ text: r.text, code: ethnicityFromText(r.text) })).filter((p) => p.code !== p.text);
  if (pairs.length > 0)
    await sql`update contact_victims v set ethnicity = m.code
              from unnest(${pairs.map((p) => p.text)}::text[], ${pairs.map((p) => p.code)}::text[]) as m(text, code)
              where v.ethnicity = m.text`.execute(db);
  // 01–54 the groups, 55 a foreign national (kept literal: a migration must not change when the list module does).
  await sql`alter table contact_victims add constraint contact_victims_ethnicity_code
            check (ethnicity ~ '^(0[1-9]|[1-4][0-9]|5[0-5])$')`.execute(db);
}

/** Back to free text: each code becomes the group's Vietnamese name (what an operator would have typed). */
export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table contact_victims drop constraint contact_victims_ethnicity_code`.execute(db);
  await sql`update contact_victims v set ethnicity = m.name
            from unnest(${ETHNIC_GROUPS.map((g) => g.code)}::text[], ${ETHNIC_GROUPS.map((g) => g.vi)}::text[]) as m(code, name)
            where v.ethnicity = m.code`.execute(db);
}
