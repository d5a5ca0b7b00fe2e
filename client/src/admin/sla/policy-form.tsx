import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { SLA_METRICS, TARGET_UNITS, WEEKDAYS, slaPolicyBody, type Priority, type SlaPolicyView } from '../../../../shared/index.js';
import { applyServerErrors, firstMessage, messagesUnder, ownMessage } from '../../api/form-errors.js';
import { Alert } from '../../components/alert.js';
import { describedBy, Field } from '../../components/field.js';
import { FormActions } from '../../components/form-actions.js';
import { zodErrorMap } from '../../i18n/messages.js';
import { CalendarEditor } from '../agencies/calendar-editor.js';
import { useSavePolicy } from './sla-api.js';

type In = z.input<typeof slaPolicyBody>;
type Out = z.output<typeof slaPolicyBody>;

/** Paths the form shows errors at; anything else the server names goes to the banner. */
const SHOWN = ['targets', 'calendar', 'warnPercent', 'supervisorAfterPercent'] as const;

/** Used only when the server has no policy for a priority yet. */
const FALLBACK: In = {
  targets: { acknowledge: { value: 1, unit: 'hours' }, first_action: { value: 1, unit: 'days' }, close: { value: 30, unit: 'days' } },
  calendar: { mode: '24x7' },
  warnPercent: 75,
  supervisorAfterPercent: 25,
};

function toInput(p: SlaPolicyView | undefined): In {
  if (!p) return structuredClone(FALLBACK);
  const { targets, calendar, warnPercent, supervisorAfterPercent } = p;
  return structuredClone({ targets, calendar, warnPercent, supervisorAfterPercent });
}

interface Props {
  priority: Priority;
  policy: SlaPolicyView | undefined;
  onSaved: (p: SlaPolicyView) => void;
  onCancel: () => void;
}

/** The three deadlines (value and unit), the calendar business units count on, and the warning / supervisor thresholds. */
export function PolicyForm({ priority, policy, onSaved, onCancel }: Props) {
  const { t } = useTranslation();
  const save = useSavePolicy();
  const [banner, setBanner] = useState<string | null>(null);
  const form = useForm<In, unknown, Out>({ resolver: zodResolver(slaPolicyBody, { error: zodErrorMap }), defaultValues: toInput(policy) });
  const { register, control, formState } = form;
  const { errors } = formState;
  const dayErrors = Object.fromEntries(WEEKDAYS.map((d) => [d, messagesUnder(errors, `calendar.hours.${d}`)]));
  const calendarError = ownMessage(errors, 'calendar') ?? ownMessage(errors, 'calendar.hours');
  const warnError = errors.warnPercent?.message;
  const afterError = errors.supervisorAfterPercent?.message;

  const onSubmit = form.handleSubmit(
    async (body) => {
      setBanner(null);
      try {
        onSaved(await save.mutateAsync({ priority, body }));
      } catch (err) {
        setBanner(applyServerErrors(err, form.setError, SHOWN));
      }
    },
    () => setBanner(t('common.formHasErrors')),
  );

  return (
    <form onSubmit={onSubmit} noValidate className="stack" data-testid="policy-form">
      <Alert>{banner}</Alert>
      <fieldset className="fieldset">
        <legend>{t('sla.policies.targets')}</legend>
        {SLA_METRICS.map((m) => {
          const valueId = `policy-${m}-value`;
          const unitId = `policy-${m}-unit`;
          const valueError = firstMessage(errors, `targets.${m}.value`) ?? ownMessage(errors, `targets.${m}`);
          const unitError = firstMessage(errors, `targets.${m}.unit`);
          return (
            <div key={m} className="field-row policy-target-row" role="group" aria-labelledby={`policy-${m}-label`}>
              <span id={`policy-${m}-label`} className="policy-target-label" title={t(`sla.kindHint.${m}`)}>
                {t(`sla.kind.${m}`)}
              </span>
              <Field id={valueId} label={t('sla.policies.value')} error={valueError} required>
                <input
                  type="number"
                  inputMode="decimal"
                  min={0}
                  step="any"
                  {...describedBy(valueId, valueError)}
                  {...register(`targets.${m}.value`, { valueAsNumber: true })}
                  data-testid={valueId}
                />
              </Field>
              <Field id={unitId} label={t('sla.policies.unit')} error={unitError} required>
                <select {...describedBy(unitId, unitError)} {...register(`targets.${m}.unit`)} data-testid={unitId}>
                  {TARGET_UNITS.map((u) => (
                    <option key={u} value={u}>
                      {t(`sla.units.${u}`)}
                    </option>
                  ))}
                </select>
              </Field>
            </div>
          );
        })}
      </fieldset>
      <Controller
        control={control}
        name="calendar"
        render={({ field }) => (
          <CalendarEditor
            value={field.value}
            onChange={(v) => {
              field.onChange(v);
              // Business-hour units need a working-hours calendar: their errors follow the calendar once shown.
              if (formState.isSubmitted) void form.trigger('targets');
            }}
            dayErrors={dayErrors}
            error={calendarError}
          />
        )}
      />
      <div className="field-row">
        <Field id="policy-warn" label={t('sla.policies.warnPercent')} error={warnError} hint={t('sla.policies.warnPercentHint')} required>
          <input
            type="number"
            min={1}
            max={99}
            {...describedBy('policy-warn', warnError, t('sla.policies.warnPercentHint'))}
            {...register('warnPercent', { valueAsNumber: true })}
            data-testid="policy-warn"
          />
        </Field>
        <Field id="policy-after" label={t('sla.policies.supervisorAfterPercent')} error={afterError} hint={t('sla.policies.supervisorAfterPercentHint')} required>
          <input
            type="number"
            min={0}
            max={1000}
            {...describedBy('policy-after', afterError, t('sla.policies.supervisorAfterPercentHint'))}
            {...register('supervisorAfterPercent', { valueAsNumber: true })}
            data-testid="policy-after"
          />
        </Field>
      </div>
      <FormActions pending={save.isPending} submitLabel={t('common.save')} onCancel={onCancel} submitTestId="policy-save" />
    </form>
  );
}
