import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReferralSummary } from '../../../shared/index.js';
import { useLabels } from '../i18n/use-labels.js';
import { ClockBadge } from '../referrals/clock-badge.js';
import { clocksOf, mostUrgentClock } from '../referrals/clock-state.js';
import { PriorityBadge, StatusPill } from '../referrals/referral-badges.js';
import { ageText, locationText, victimsSummary } from '../referrals/referral-format.js';

interface Props {
  referral: ReferralSummary;
  now: number;
  selected: boolean;
  onSelect: (id: number) => void;
}

/** One referral in the inbox: what it is, where, who, how long ago, its most urgent deadline. Urgent and still pending: loud. */
export const InboxRow = memo(function InboxRow({ referral: r, now, selected, onSelect }: Props) {
  const { t } = useTranslation();
  const { label, country } = useLabels();
  const loud = r.status === 'pending' && (r.priority === 'urgent' || r.immediateDanger);
  const purposes = r.purposes.map((p) => label('purpose', p)).join(', ');
  const clock = mostUrgentClock(clocksOf(r), now);
  const cls = `inbox-item inbox-item--${r.priority}${loud ? ' inbox-item--loud' : ''}${selected ? ' inbox-item--selected' : ''}`;

  return (
    <li className={cls} data-testid={`referral-item-${r.id}`} data-status={r.status} data-priority={r.priority} aria-current={selected || undefined}>
      <button type="button" className="inbox-item-button" onClick={() => onSelect(r.id)}>
        <span className="ii-row">
          <PriorityBadge priority={r.priority} />
          <span className="ii-ref">{r.contactRef}</span>
          <StatusPill status={r.status} />
        </span>
        <span className="ii-what">
          <strong>{label('classification', r.classification)}</strong>
          {purposes && <> · {purposes}</>}
        </span>
        <span className="ii-row ii-meta">
          <span>{locationText(r.location, t, country)}</span>
          <span>{victimsSummary(r.victims, t)}</span>
        </span>
        <span className="ii-row ii-meta">
          <time dateTime={r.createdAt} className={loud ? 'ii-age ii-age--loud' : 'ii-age'}>
            {t('referral.age.ago', { time: ageText(r.createdAt, now, t) })}
          </time>
          {r.immediateDanger && <span className="ii-danger">⚠ {t('referral.detail.immediateDanger')}</span>}
        </span>
        {clock && (
          <span className="ii-clock">
            <ClockBadge clock={clock} compact />
          </span>
        )}
      </button>
    </li>
  );
});
