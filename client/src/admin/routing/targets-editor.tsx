import { useFieldArray, useFormContext, useFormState, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { AGENCY_TYPES, PRIORITIES, TARGET_SCOPES } from '../../../../shared/index.js';
import { messagesUnder, ownMessage } from '../../api/form-errors.js';
import { describedBy, FieldError } from '../../components/field.js';
import { newTarget, type RuleFormValues } from './rule-form-values.js';

const MAX_TARGETS = 10;

/** The agencies to try, in order: add, remove and reorder rows. */
export function TargetsEditor() {
  const { t } = useTranslation();
  const { control, register } = useFormContext<RuleFormValues>();
  const { errors } = useFormState({ control, name: 'targets' });
  const { fields, append, remove, move } = useFieldArray({ control, name: 'targets' });
  const track = useWatch({ control, name: 'track' });
  const rows = useWatch({ control, name: 'targets' });
  // A refine on the list (the shelter track's rule) sits on `targets` from the server, on `targets.root` from the resolver.
  const listErrors = [ownMessage(errors, 'targets'), ownMessage(errors, 'targets.root')].filter((m): m is string => !!m);

  return (
    <fieldset className="fieldset" data-testid="rule-targets">
      <legend>{t('routing.form.targets')}</legend>
      <p className="field-hint">{t('routing.form.targetsHint')}</p>
      {fields.length === 0 ? (
        <p className="muted">{t('routing.form.noTargets')}</p>
      ) : (
        <ol className="target-rows">
          {fields.map((f, i) => {
            const id = (part: string) => `target-${i}-${part}`;
            const err = (part: string) => messagesUnder(errors, `targets.${i}.${part}`)[0];
            const n = i + 1;
            const scope = rows?.[i]?.scope;
            const priority = rows?.[i]?.priority ?? 'case';
            return (
              <li key={f.id} className="target-row" data-testid={`target-${i}`}>
                <span className="target-number" aria-hidden="true">
                  {n}
                </span>
                <fieldset className="fieldset fieldset--bare target-fields">
                  <legend className="visually-hidden">{t('routing.form.targetN', { n })}</legend>
                  <div className={`field${err('agencyType') ? ' field--invalid' : ''}`}>
                    <label htmlFor={id('agency-type')}>{t('routing.form.agencyType')}</label>
                    <select {...describedBy(id('agency-type'), err('agencyType'))} data-testid={id('agency-type')} {...register(`targets.${i}.agencyType`)}>
                      {AGENCY_TYPES.map((a) => (
                        <option key={a} value={a}>
                          {t(`agencyTypes.${a}`)}
                        </option>
                      ))}
                    </select>
                    <FieldError id={`${id('agency-type')}-error`} message={err('agencyType')} />
                  </div>
                  <div className={`field${err('scope') ? ' field--invalid' : ''}`}>
                    <label htmlFor={id('scope')}>{t('routing.form.scope')}</label>
                    <select
                      {...describedBy(id('scope'), err('scope'), scope ? t(`routing.scopeHint.${scope}`) : undefined)}
                      data-testid={id('scope')}
                      {...register(`targets.${i}.scope`)}
                    >
                      {TARGET_SCOPES.map((s) => (
                        <option key={s} value={s}>
                          {t(`routing.scope.${s}`)}
                        </option>
                      ))}
                    </select>
                    {scope && (
                      <p className="field-hint" id={`${id('scope')}-hint`}>
                        {t(`routing.scopeHint.${scope}`)}
                      </p>
                    )}
                    <FieldError id={`${id('scope')}-error`} message={err('scope')} />
                  </div>
                  <div className={`field${err('priority') ? ' field--invalid' : ''}`}>
                    <label htmlFor={id('priority')}>{t('routing.form.priority')}</label>
                    <select
                      {...describedBy(id('priority'), err('priority'), priority === 'case' ? 'hint' : undefined)}
                      data-testid={id('priority')}
                      {...register(`targets.${i}.priority`)}
                    >
                      <option value="case">{t('routing.priorityCaseOption')}</option>
                      {PRIORITIES.map((p) => (
                        <option key={p} value={p}>
                          {t(`referral.priority.${p}`)}
                        </option>
                      ))}
                    </select>
                    {priority === 'case' && (
                      <p className="field-hint" id={`${id('priority')}-hint`}>
                        {t('routing.priorityCaseHint')}
                      </p>
                    )}
                    <FieldError id={`${id('priority')}-error`} message={err('priority')} />
                  </div>
                  <div className={`field target-timeout${err('timeoutMinutes') ? ' field--invalid' : ''}`}>
                    <label htmlFor={id('timeout')}>{t('routing.form.timeout')}</label>
                    <input
                      type="number"
                      min={1}
                      step={1}
                      inputMode="numeric"
                      {...describedBy(id('timeout'), err('timeoutMinutes'))}
                      data-testid={id('timeout')}
                      {...register(`targets.${i}.timeoutMinutes`, { valueAsNumber: true })}
                    />
                    <FieldError id={`${id('timeout')}-error`} message={err('timeoutMinutes')} />
                  </div>
                </fieldset>
                <div className="target-buttons">
                  <button
                    type="button"
                    className="button button--small button--icon"
                    onClick={() => move(i, i - 1)}
                    disabled={i === 0}
                    aria-label={t('routing.form.moveUp', { n })}
                    title={t('routing.form.moveUp', { n })}
                    data-testid={id('up')}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className="button button--small button--icon"
                    onClick={() => move(i, i + 1)}
                    disabled={i === fields.length - 1}
                    aria-label={t('routing.form.moveDown', { n })}
                    title={t('routing.form.moveDown', { n })}
                    data-testid={id('down')}
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    className="button button--small button--icon target-remove"
                    onClick={() => remove(i)}
                    aria-label={t('routing.form.removeTarget', { n })}
                    title={t('routing.form.removeTarget', { n })}
                    data-testid={id('remove')}
                  >
                    ×
                  </button>
                </div>
              </li>
            );
          })}
        </ol>
      )}
      {listErrors.map((m) => (
        <FieldError key={m} message={m} />
      ))}
      <button type="button" className="button button--small" onClick={() => append(newTarget(track))} disabled={fields.length >= MAX_TARGETS} data-testid="add-target">
        + {t('routing.form.addTarget')}
      </button>
    </fieldset>
  );
}
