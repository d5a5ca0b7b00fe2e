import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { AUDIT_ACTIONS, auditActionLabel } from '../../../shared/index.js';
import { DateField } from '../components/date-field.js';
import { describedBy, Field } from '../components/field.js';
import { useLabels } from '../i18n/use-labels.js';
import { FILTER_KEYS, useAuditChoices, type AuditFilterValues } from './audit-api.js';

interface Props {
  value: AuditFilterValues;
  onApply: (f: AuditFilterValues) => void;
  /** Field errors of the last query (the server names the field). */
  errors: Record<string, string>;
}

/** Person, action, case, agency and period. Applied together, so a half-typed filter never queries the log. */
export function AuditFilters({ value, onApply, errors }: Props) {
  const { t } = useTranslation();
  const { lang } = useLabels();
  const choices = useAuditChoices();
  const [draft, setDraft] = useState<AuditFilterValues>(value);
  const set = (k: keyof AuditFilterValues) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [k]: e.target.value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply(Object.fromEntries(FILTER_KEYS.map((k) => [k, draft[k]?.trim()]).filter(([, v]) => v)));
  };
  const actions = AUDIT_ACTIONS.map((a) => ({ a, label: auditActionLabel(a, lang) })).sort((x, y) => x.label.localeCompare(y.label, lang));
  const err = (k: string) => errors[k];

  return (
    <form className="panel audit-filters" onSubmit={submit} noValidate aria-label={t('audit.filters.title')} data-testid="audit-filters">
      <div className="audit-filter-grid">
        <Field id="audit-person" label={t('audit.filters.person')} error={err('person')}>
          <select {...describedBy('audit-person', err('person'))} value={draft.person ?? ''} onChange={set('person')}>
            <option value="">{t('audit.filters.anyone')}</option>
            {choices.data?.people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.displayName} ({p.username}) · {t(`roles.${p.role}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="audit-action" label={t('audit.filters.action')} error={err('action')}>
          <select {...describedBy('audit-action', err('action'))} value={draft.action ?? ''} onChange={set('action')} data-testid="audit-action">
            <option value="">{t('audit.filters.anyAction')}</option>
            {actions.map(({ a, label }) => (
              <option key={a} value={a}>
                {label}
              </option>
            ))}
          </select>
        </Field>
        <Field id="audit-case" label={t('audit.filters.case')} error={err('case')}>
          <input {...describedBy('audit-case', err('case'))} value={draft.case ?? ''} onChange={set('case')} placeholder={t('audit.filters.casePlaceholder')} data-testid="audit-case" />
        </Field>
        <Field id="audit-agency" label={t('audit.filters.agency')} error={err('agency')}>
          <select {...describedBy('audit-agency', err('agency'))} value={draft.agency ?? ''} onChange={set('agency')}>
            <option value="">{t('audit.filters.anyAgency')}</option>
            {choices.data?.agencies.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </Field>
        {(['from', 'to'] as const).map((k) => (
          <DateField key={k} id={`audit-${k}`} testId={`audit-${k}`} label={t(`audit.filters.${k}`)} value={draft[k] ?? ''} error={err(k)}
            onChange={(v) => setDraft((d) => ({ ...d, [k]: v }))} />
        ))}
      </div>
      <div className="form-actions">
        <button type="button" className="button button--ghost" onClick={() => { setDraft({}); onApply({}); }}>
          {t('audit.filters.reset')}
        </button>
        <button type="submit" className="button button--primary" data-testid="audit-apply">
          {t('audit.filters.apply')}
        </button>
      </div>
    </form>
  );
}
