import { vnLocal, type ClockKind } from '../../../shared/index.js';
import type { AppContext } from '../../app-context.js';
import type { Executor } from '../../db/database.js';
import { maskPhone } from '../crypto/field-crypto.js';
import { contactRef } from '../contacts/contacts.repo.js';

const WHAT: Record<ClockKind, string> = {
  acknowledge: 'tiếp nhận',
  first_action: 'hành động đầu tiên',
  close: 'đóng ca',
  reroute: 'tiếp nhận',
  callback: 'gọi lại',
};

const hhmm = (d: Date) => {
  const local = vnLocal(d);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(local.getUTCHours())}:${p(local.getUTCMinutes())} ${p(local.getUTCDate())}/${p(local.getUTCMonth() + 1)}`;
};

export interface SlaAlert {
  kind: 'warning' | 'escalation';
  referralId: number;
  contactId: number;
  clockKind: ClockKind;
  dueAt: Date;
  /** Whose focal points get the SMS: the agency itself (warning) or its parent (escalation). */
  phones: string[];
  /** Escalations name the agency that missed the deadline. */
  agencyName?: string;
}

/** SMS bodies carry a case reference and the deadline only: nothing about the victim ever goes by SMS. */
export function alertBody(a: SlaAlert): string {
  const ref = contactRef(a.contactId);
  return a.kind === 'warning'
    ? `Tổng đài 111: ca ${ref} sắp quá hạn ${WHAT[a.clockKind]} (hạn ${hhmm(a.dueAt)}). Vui lòng đăng nhập để xử lý.`
    : `Tổng đài 111: ca ${ref} giao ${a.agencyName ?? 'cơ quan cấp dưới'} đã quá hạn ${WHAT[a.clockKind]} (hạn ${hhmm(a.dueAt)}). Đề nghị đôn đốc.`;
}

/** One INSERT for a whole batch of alerts; returns the notification ids to enqueue after the commit. */
export async function insertSlaAlerts(tx: Executor, ctx: Pick<AppContext, 'crypto'>, alerts: SlaAlert[], at: Date): Promise<number[]> {
  const rows = alerts.flatMap((a) => {
    const body = ctx.crypto.encrypt(alertBody(a));
    return a.phones.map((phone) => ({
      purpose: a.kind === 'warning' ? 'sla_warning' : 'sla_escalation',
      channel: 'sms' as const,
      to_enc: ctx.crypto.encrypt(phone),
      to_masked: maskPhone(phone) ?? '••••',
      body_enc: body,
      referral_id: a.referralId,
      created_at: at,
      updated_at: at,
    }));
  });
  if (!rows.length) return [];
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += 1000) {
    const r = await tx.insertInto('notifications').values(rows.slice(i, i + 1000)).returning('id').execute();
    ids.push(...r.map((x) => x.id));
  }
  return ids;
}
