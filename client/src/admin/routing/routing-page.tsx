import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REFERRAL_TRACKS, type ReferralTrack } from '../../../../shared/index.js';
import { Alert } from '../../components/alert.js';
import { Modal } from '../../components/modal.js';
import { useRoutingRules, type RoutingRuleView } from './routing-api.js';
import { RuleCard } from './rule-card.js';
import { RuleForm } from './rule-form.js';
import { matchesEverything, useRuleText } from './rule-text.js';
import { useUnitNames } from './unit-names.js';
import './routing.css';

type Editing = { mode: 'create'; track: ReferralTrack } | { mode: 'edit'; rule: RoutingRuleView } | null;

const byPosition = (a: RoutingRuleView, b: RoutingRuleView) => a.position - b.position || a.id - b.id;

/** Routing rules (like TaskRouter workflows): per track, the first matching active rule picks the agencies to try. */
export function RoutingPage() {
  const { t } = useTranslation();
  const rules = useRoutingRules();
  const [editing, setEditing] = useState<Editing>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const data = useMemo(() => rules.data ?? [], [rules.data]);
  const refs = useMemo(() => data.flatMap((r) => r.filter.locationWithin ?? []), [data]);
  const names = useUnitNames(refs);
  const text = useRuleText(names);
  const tracks = useMemo(
    () =>
      REFERRAL_TRACKS.map((track) => {
        const list = data.filter((r) => r.track === track).sort(byPosition);
        // Active rules after an active catch-all never apply.
        const catchAll = list.find((r) => r.active && matchesEverything(r.filter)) ?? null;
        const shadowedBy = (r: RoutingRuleView) => (catchAll && r !== catchAll && byPosition(catchAll, r) < 0 ? catchAll : null);
        return { track, list, shadowedBy };
      }),
    [data],
  );
  const saved = (r: RoutingRuleView, key: 'routing.created' | 'routing.updated') => {
    setEditing(null);
    setNotice(t(key, { name: r.name }));
  };

  return (
    <section aria-labelledby="routing-title" className="admin-section" data-testid="routing-rules">
      <div className="section-header">
        <h2 id="routing-title">{t('routing.title')}</h2>
        <button type="button" className="button button--primary" onClick={() => setEditing({ mode: 'create', track: 'primary' })} data-testid="new-rule">
          {t('routing.new')}
        </button>
      </div>
      <Alert kind="success">{notice}</Alert>
      <div className="routing-how" role="note" aria-labelledby="routing-how-title">
        <h3 id="routing-how-title">{t('routing.how.title')}</h3>
        <ol>
          <li>{t('routing.how.tracks')}</li>
          <li>{t('routing.how.firstMatch')}</li>
          <li>{t('routing.how.targets')}</li>
          <li>{t('routing.how.decline')}</li>
          <li>{t('routing.how.exhausted')}</li>
        </ol>
        <p className="field-hint">{t('routing.how.location')}</p>
      </div>
      {rules.isError && <Alert>{t('common.loadError', { message: rules.error.message })}</Alert>}
      {rules.isPending ? (
        <p className="muted">{t('app.loading')}</p>
      ) : (
        <>
          <nav className="track-nav" aria-label={t('routing.title')}>
            {tracks.map(({ track, list }) => (
              <a key={track} href={`#track-${track}`} className="track-nav-link">
                {t(`referral.track.${track}`)} <span className="track-count">{list.length}</span>
              </a>
            ))}
          </nav>
          {tracks.map(({ track, list, shadowedBy }) => (
            <section key={track} id={`track-${track}`} className="track-section" aria-labelledby={`track-${track}-title`} data-testid={`track-${track}`}>
              <div className="track-header">
                <div>
                  <h3 id={`track-${track}-title`}>
                    {t(`referral.track.${track}`)} <span className="track-count">{t('routing.count', { count: list.length })}</span>
                  </h3>
                  <p className="muted">{t(`routing.trackHint.${track}`)}</p>
                </div>
                <button type="button" className="button button--small" onClick={() => setEditing({ mode: 'create', track })} data-testid={`new-rule-${track}`}>
                  + {t('routing.new')}
                </button>
              </div>
              {list.length === 0 ? (
                <p className="muted rule-empty">{t('routing.empty')}</p>
              ) : (
                <ol className="rule-list">
                  {list.map((r) => (
                    <RuleCard key={r.id} rule={r} text={text} shadowedBy={shadowedBy(r)} onEdit={(rule) => setEditing({ mode: 'edit', rule })} />
                  ))}
                </ol>
              )}
            </section>
          ))}
        </>
      )}
      {editing && (
        <Modal wide title={editing.mode === 'create' ? t('routing.new') : t('routing.edit', { name: editing.rule.name })} onClose={() => setEditing(null)}>
          <RuleForm
            rule={editing.mode === 'edit' ? editing.rule : null}
            track={editing.mode === 'edit' ? editing.rule.track : editing.track}
            rules={data}
            names={names}
            onCancel={() => setEditing(null)}
            onSaved={(r) => saved(r, editing.mode === 'create' ? 'routing.created' : 'routing.updated')}
          />
        </Modal>
      )}
    </section>
  );
}
