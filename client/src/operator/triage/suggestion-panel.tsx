import { useMemo } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { suggestClassification } from '../../../../shared/triage/suggest.js';
import { useLabels } from '../../i18n/use-labels.js';
import { derivedUnder18, type TriageValues } from './triage-values.js';

/** Triage aid: what the checked indicators suggest, and why. The operator decides; applying is a click. */
export function SuggestionPanel() {
  const { t } = useTranslation();
  const { label, lang } = useLabels();
  const { control, getValues, setValue, formState } = useFormContext<TriageValues>();
  const [indicators, victims, callType, immediateDanger] = useWatch({ control, name: ['indicators', 'victims', 'callType', 'immediateDanger'] });
  const s = useMemo(
    () =>
      suggestClassification({
        indicators: indicators ?? [],
        victims: (victims ?? []).map((v) => ({ under18: derivedUnder18(v), age: Number.isFinite(v.age) ? v.age : null })),
        callType,
        immediateDanger,
      }),
    [indicators, victims, callType, immediateDanger],
  );
  const canApply = s.classification !== null || s.purposes.length > 0;

  const apply = () => {
    const opts = { shouldDirty: true, shouldValidate: formState.isSubmitted };
    if (s.classification) setValue('classification', s.classification, opts);
    if (s.purposes.length > 0) setValue('purposes', [...new Set([...getValues('purposes'), ...s.purposes])], opts);
  };

  return (
    <section className={`suggestion${s.urgent ? ' suggestion--urgent' : ''}`} data-testid="suggestion" aria-labelledby="suggestion-title" aria-live="polite">
      <h3 id="suggestion-title">{t('operator.suggest.title')}</h3>
      {s.urgent && (
        <p className="urgent-banner" role="alert" data-testid="urgent-banner">
          {t('operator.suggest.urgent')}
        </p>
      )}
      <dl className="suggestion-result">
        <dt>{t('operator.suggest.classification')}</dt>
        <dd data-testid="suggested-classification" data-value={s.classification ?? ''}>
          {s.classification ? <strong>{label('classification', s.classification)}</strong> : <span className="muted">{t('operator.suggest.none')}</span>}
        </dd>
        {s.purposes.length > 0 && (
          <>
            <dt>{t('operator.suggest.purposes')}</dt>
            <dd data-testid="suggested-purposes">{s.purposes.map((p) => label('purpose', p)).join(', ')}</dd>
          </>
        )}
      </dl>
      <button type="button" className="button button--small" data-testid="apply-suggestion" onClick={apply} disabled={!canApply}>
        {t('operator.suggest.apply')}
      </button>
      {s.reasons.length > 0 && (
        <details className="suggestion-reasons" open>
          <summary>{t('operator.suggest.reasons', { count: s.reasons.length })}</summary>
          <ul>
            {s.reasons.map((r) => (
              <li key={r.rule} data-rule={r.rule}>
                <p>{r.message[lang]}</p>
                {r.indicators.length > 0 && <p className="reason-indicators">{r.indicators.map((i) => label('indicator', i)).join(' · ')}</p>}
              </li>
            ))}
          </ul>
        </details>
      )}
      <p className="field-hint">{t('operator.suggest.note')}</p>
    </section>
  );
}
