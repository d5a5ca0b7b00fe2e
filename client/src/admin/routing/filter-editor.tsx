import { Controller, useFormContext, useFormState } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { CLASSIFICATIONS, type Classification } from '../../../../shared/index.js';
import { messagesUnder, ownMessage } from '../../api/form-errors.js';
import { describedBy, FieldError } from '../../components/field.js';
import { localizeMessage } from '../../i18n/messages.js';
import { useLabels } from '../../i18n/use-labels.js';
import { CoveragePicker } from '../agencies/coverage-picker.js';
import type { KnownUnits } from '../agencies/chosen-units.js';
import type { RuleFormValues } from './rule-form-values.js';
import { BOOLEAN_CONDITIONS } from './rule-text.js';

const triValue = (v: boolean | undefined) => (v === undefined ? '' : String(v));
const fromTri = (s: string) => (s === '' ? undefined : s === 'true');

/** The rule's conditions: each one optional ("any"), all of those given must hold. */
export function FilterEditor({ names }: { names: KnownUnits }) {
  const { t } = useTranslation();
  const { label } = useLabels();
  const { control, getValues } = useFormContext<RuleFormValues>();
  const { errors } = useFormState({ control, name: 'filter' });

  // "unknown unit 12345 in vn-2025" next to the unit's name, so the administrator sees which chip to remove.
  const locationErrors = () => {
    const refs = getValues('filter.locationWithin') ?? [];
    const own = ownMessage(errors, 'filter.locationWithin');
    const perUnit = refs.flatMap((r, i) => {
      const m = messagesUnder(errors, `filter.locationWithin.${i}`)[0];
      return m ? [`${names[`${r.dataset}:${r.code}`]?.name ?? r.code}: ${localizeMessage(m)}`] : [];
    });
    return [...(own ? [own] : []), ...perUnit];
  };

  return (
    <fieldset className="fieldset" data-testid="rule-filter">
      <legend>{t('routing.form.filter')}</legend>
      <p className="field-hint">{t('routing.form.filterHint')}</p>
      <Controller
        control={control}
        name="filter.classifications"
        render={({ field }) => {
          const chosen = field.value ?? [];
          const toggle = (c: Classification, on: boolean) => {
            const next = CLASSIFICATIONS.filter((x) => (x === c ? on : chosen.includes(x)));
            field.onChange(next.length ? next : undefined);
          };
          const error = messagesUnder(errors, 'filter.classifications')[0];
          return (
            <fieldset className="fieldset fieldset--bare" aria-describedby="rule-classifications-hint">
              <legend>{t('routing.form.classifications')}</legend>
              <div className="checkbox-row">
                {CLASSIFICATIONS.map((c) => (
                  <label key={c}>
                    <input
                      type="checkbox"
                      checked={chosen.includes(c)}
                      onChange={(e) => toggle(c, e.target.checked)}
                      onBlur={field.onBlur}
                      data-testid={`rule-classification-${c}`}
                    />
                    {label('classification', c)}
                  </label>
                ))}
              </div>
              <p className="field-hint" id="rule-classifications-hint">
                {t('routing.form.classificationsHint')}
              </p>
              <FieldError message={error} />
            </fieldset>
          );
        }}
      />
      <div className="field-row field-row--four tri-row">
        {BOOLEAN_CONDITIONS.map((k) => (
          <Controller
            key={k}
            control={control}
            name={`filter.${k}`}
            render={({ field }) => {
              const id = `rule-filter-${k}`;
              const error = messagesUnder(errors, `filter.${k}`)[0];
              return (
                <div className={`field${error ? ' field--invalid' : ''}`}>
                  <label htmlFor={id}>{t(`routing.form.${k}`)}</label>
                  <select
                    {...describedBy(id, error)}
                    data-testid={id}
                    value={triValue(field.value)}
                    onChange={(e) => field.onChange(fromTri(e.target.value))}
                    onBlur={field.onBlur}
                    className={field.value === undefined ? 'tri-any' : undefined}
                  >
                    <option value="">{t('routing.form.any')}</option>
                    <option value="true">{t('routing.form.yes')}</option>
                    <option value="false">{t('routing.form.no')}</option>
                  </select>
                  <FieldError id={`${id}-error`} message={error} />
                </div>
              );
            }}
          />
        ))}
      </div>
      <Controller
        control={control}
        name="filter.locationWithin"
        render={({ field }) => (
          <CoveragePicker
            idPrefix="rule-location"
            title={t('routing.form.location')}
            hint={t('routing.form.locationHint')}
            value={field.value}
            onChange={(v) => field.onChange(v.length ? v : undefined)}
            initialKnown={names}
            errors={locationErrors()}
          />
        )}
      />
    </fieldset>
  );
}
