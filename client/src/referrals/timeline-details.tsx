import { useTranslation } from 'react-i18next';
import type { ReferralEvent, ReferralTrack, ReferralWhy, SupportRegime } from '../../../shared/index.js';
import { useLabels } from '../i18n/use-labels.js';
import { SLA_DETAIL_KEYS, slaEventLines } from './clock-timeline.js';

const KNOWN = new Set<string>([
  'why', 'track', 'reason', 'note', 'outcome', 'regime', 'givenOn', 'agencyId', 'focalPoints', 'to', 'kind', 'previousReferralId', 'attempt', 'left', 'followUpContactId', 'followUpRef', ...SLA_DETAIL_KEYS,
]);
const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v : null);
const num = (v: unknown) => (typeof v === 'number' ? v : null);

/** An event's details in words: the track, why, reason, note, outcome, support, where it went next. */
export function TimelineDetails({ event: e, agencyName }: { event: ReferralEvent; agencyName?: (id: number) => string | undefined }) {
  const { t } = useTranslation();
  const { regime, why: whyText } = useLabels();
  const d = e.details;
  const why = d.why && typeof d.why === 'object' && typeof (d.why as ReferralWhy).explanation === 'string' ? (d.why as ReferralWhy) : null;
  const lines: string[] = [];
  if (why) lines.push(whyText(why));
  if (str(d.followUpRef)) lines.push(t('referral.timeline.followUp', { ref: d.followUpRef }));
  if (str(d.reason)) lines.push(t('referral.timeline.reason', { text: d.reason }));
  if (str(d.note)) lines.push(t('referral.timeline.note', { text: d.note }));
  if (str(d.outcome)) lines.push(t(`referral.outcome.${d.outcome as 'successful' | 'not_successful'}`, { defaultValue: String(d.outcome) }));
  if (str(d.regime)) lines.push(`${regime(d.regime as SupportRegime)}${str(d.givenOn) ? ` · ${d.givenOn}` : ''}`);
  const agencyId = num(d.agencyId);
  if (agencyId !== null) lines.push(t('referral.timeline.agency', { name: agencyName?.(agencyId) ?? `#${agencyId}` }));
  if (num(d.attempt)) lines.push(t('referral.timeline.attempt', { n: d.attempt as number }));
  if (d.left === 'declined' || d.left === 'expired') lines.push(t(`referral.timeline.left.${d.left}`));
  if (num(d.focalPoints)) lines.push(t('referral.timeline.focalPoints', { count: d.focalPoints as number }));
  if (e.type === 'rerouted')
    lines.push(num(d.to) !== null ? t('referral.timeline.rerouteTo', { id: d.to }) : t('referral.timeline.rerouteSupervisor'));
  if (num(d.previousReferralId) !== null) lines.push(t('referral.timeline.after', { id: d.previousReferralId }));
  lines.push(...slaEventLines(e, t, agencyName));
  for (const [k, v] of Object.entries(d)) if (!KNOWN.has(k) && (typeof v === 'string' || typeof v === 'number')) lines.push(`${k}: ${v}`);
  const track = str(d.track) as ReferralTrack | null;

  return (
    <>
      {track && <span className="tag timeline-track">{t(`referral.track.${track}`, { defaultValue: track })}</span>}
      {lines.map((line, i) => (
        <div key={i} className="timeline-detail">
          {line}
        </div>
      ))}
    </>
  );
}
