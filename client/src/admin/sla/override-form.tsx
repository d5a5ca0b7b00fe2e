import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { HOLIDAY_OVERRIDE_KINDS, holidayOverrideBody, type HolidayView } from '../../../../shared/index.js';
import { applyServerErrors } from '../../api/form-errors.js';
import { HttpError } from '../../api/http.js';
import { Alert } from '../../components/alert.js';
import { DateField } from '../../components/date-field.js';
import { describedBy, Field } from '../../components/field.js';
import { FormActions } from '../../components/form-actions.js';
import { zodErrorMap } from '../../i18n/messages.js';
import { useAddOverride } from './sla-api.js';

type In = z.input<typeof holidayOverrideBody>;
type Out = z.output<typeof holidayOverrideBody>;

interface Props {
  year: number;
  onSaved: (h: HolidayView, date: string) => void;
  onCancel: () => void;
}

/** An extra day off or a make-up working day: the date, which, and its name (e.g. the dispatch that decided it). */
export function OverrideForm({ year, onSaved, onCancel }: Props) {
  const { t } = useTranslation();
  const add = useAddOverride();
  const [banner, setBanner] = useState<string | null>(null);
  const form = useForm<In, unknown, Out>({
    resolver: zodResolver(holidayOverrideBody, { error: zodErrorMap }),
    defaultValues: { date: '', kind: 'holiday', name: '' },
  });
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit(async (body) => {
    setBanner(null);
    try {
      onSaved(await add.mutateAsync(body), body.date);
    } catch (err) {
      // One override per date: the server answers 409 when the date has one.
      if (err instanceof HttpError && err.status === 409) form.setError('date', { type: 'server', message: t('sla.holidays.duplicate') });
      else setBanner(applyServerErrors(err, form.setError, ['date', 'kind', 'name']));
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="stack" data-testid="override-form">
      <Alert>{banner}</Alert>
      <div className="field-row">
        <Controller
          control={form.control}
          name="date"
          render={({ field }) => (
            <DateField id="override-date" testId="override-date" label={t('sla.holidays.date')} value={field.value ?? ''} onChange={field.onChange} onBlur={field.onBlur}
              inputRef={field.ref} error={errors.date?.message} min={`${year - 1}-01-01`} required autoFocus />
          )}
        />
        <Field id="override-kind" label={t('sla.holidays.kind')} error={errors.kind?.message} required>
          <select {...describedBy('override-kind', errors.kind?.message)} {...form.register('kind')} data-testid="override-kind">
            {HOLIDAY_OVERRIDE_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`sla.holidays.kinds.${k}`)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <Field id="override-name" label={t('sla.holidays.name')} error={errors.name?.message} required>
        <input {...describedBy('override-name', errors.name?.message)} {...form.register('name')} placeholder={t('sla.holidays.namePlaceholder')} data-testid="override-name" />
      </Field>
      <FormActions pending={add.isPending} submitLabel={t('sla.holidays.add')} onCancel={onCancel} submitTestId="override-submit" />
    </form>
  );
}
