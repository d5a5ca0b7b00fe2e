import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { AUDIT_ACTION_LABELS, AUDIT_ACTIONS, auditActionLabel, contactIdOfRef } from '../../shared/audit.js';
import { auditQuery } from '../../shared/schemas/audit.js';
import { safeDetails } from '../../server/domain/audit/safe-details.js';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Quoted dotted codes in the files that write the log: its actions (and a few column names, left out by shape). */
function writtenActions(): Set<string> {
  const found = new Set<string>();
  for (const file of [...sources('server'), ...sources('workers')]) {
    const text = readFileSync(file, 'utf8');
    if (!/writeAudit|auditInsertFor/.test(text) || file.endsWith(join('audit', 'audit.repo.ts'))) continue;
    for (const m of text.matchAll(/'([a-z_]{3,}(?:\.[a-z_]+){1,2})'/g)) if (!m[1]!.startsWith('location.')) found.add(m[1]!);
  }
  return found;
}

describe('audit actions', () => {
  it('has a label in both languages for every action the server writes', () => {
    const written = writtenActions();
    expect(written.size).to.be.greaterThan(40);
    expect([...written].filter((a) => !Object.hasOwn(AUDIT_ACTION_LABELS, a))).to.deep.equal([]);
    for (const a of AUDIT_ACTIONS) {
      expect(AUDIT_ACTION_LABELS[a].vi, a).to.match(/\S/).and.not.equal(AUDIT_ACTION_LABELS[a].en);
      expect(AUDIT_ACTION_LABELS[a].en, a).not.to.match(/[._]/);
    }
    expect(auditActionLabel('some.future_code', 'vi')).to.equal('Thao tác khác');
  });

  it('reads case references as people type them', () => {
    expect(['LH-000123', 'lh-123', 'LH123', ' 123 '].map(contactIdOfRef)).to.deep.equal([123, 123, 123, 123]);
    expect(['LH-0', 'abc', '', '99999999999', 'LH--1'].map(contactIdOfRef)).to.deep.equal([null, null, null, null, null]);
  });

  it('keeps a limit of 200 entries a page and at least one known action', () => {
    expect(auditQuery.safeParse({ limit: '200' }).success).to.equal(true);
    expect(auditQuery.safeParse({ limit: '201' }).success).to.equal(false);
    expect(auditQuery.parse({ action: 'contact.view, referral.view,contact.view' }).action).to.deep.equal(['contact.view', 'referral.view']);
  });

  it('shows codes, ids, counts and dates of the details, never a sentence', () => {
    expect(safeDetails({ agencyId: 4, outcome: 'successful', from: '2026-01-01', ok: true, note: 'Em Lan 16 tuổi', nested: { a: { b: { c: 1 } } } }))
      .to.deep.equal({ agencyId: 4, outcome: 'successful', from: '2026-01-01', ok: true, note: '[…]', nested: { a: { b: '[…]' } } });
    expect(safeDetails('x')).to.deep.equal({});
  });
});
