import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState } from 'react';
import { Controller, FormProvider, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { AGENCY_TYPES, WEEKDAYS, agencyBody, type AgencyBody, type AgencyInput, type AgencyView } from '../../../../shared/index.js';
import { applyServerErrors, firstMessage, messagesUnder, ownMessage } from '../../api/form-errors.js';
import { Alert } from '../../components/alert.js';
import { describedBy, Field } from '../../components/field.js';
import { FormActions } from '../../components/form-actions.js';
import { zodErrorMap } from '../../i18n/messages.js';
import { AGENCY_FIELD_PATHS, DEFAULT_SHELTER, toFormValues } from './agency-form-values.js';
import { useSaveAgency } from './agencies-api.js';
import { CalendarEditor } from './calendar-editor.js';
import { CoveragePicker } from './coverage-picker.js';
import { PhoneListField } from './phone-list-field.js';
import { ServicesFieldset } from './services-fieldset.js';
import { ShelterFields } from './shelter-fields.js';
import { ValidityFields } from './validity-fields.js';

interface Props {
  agency: AgencyView | null;
  agencies: AgencyView[];
  onSaved: (a: AgencyView) => void;
  onCancel: () => void;
}

const toNullableNumber = (v: unknown) => (v === '' || v == null ? null : Number(v));

export function AgencyForm({ agency, agencies, onSaved, onCancel }: Props) {
  const { t } = useTranslation();
  const save = useSaveAgency();
  const [banner, setBanner] = useState<string | null>(null);
  const form = useForm<AgencyInput, unknown, AgencyBody>({
    resolver: zodResolver(agencyBody, { error: zodErrorMap }),
    defaultValues: toFormValues(agency),
  });
  const { register, control, watch, setValue, formState } = form;
  const { errors } = formState;
  const type = watch('type');

  // The shelter profile exists exactly when the agency is a shelter (the schema refuses anything else).
  useEffect(() => {
    const shelter = form.getValues('shelter');
    if (type === 'shelter' && !shelter) setValue('shelter', structuredClone(DEFAULT_SHELTER));
    if (type !== 'shelter' && shelter) setValue('shelter', null);
  }, [type, form, setValue]);

  const onSubmit = form.handleSubmit(async (body) => {
    setBanner(null);
    try {
      onSaved(await save.mutateAsync({ id: agency?.id ?? null, body }));
    } catch (err) {
      setBanner(applyServerErrors(err, form.setError, AGENCY_FIELD_PATHS));
    }
  }, () => setBanner(t('common.formHasErrors')));

  const parents = agencies.filter((a) => a.id !== agency?.id);
  const initialKnown = Object.fromEntries((agency?.coverage ?? []).map((u) => [`${u.dataset}:${u.code}`, { name: u.name, level: u.level, path: u.path }]));
  const dayErrors = Object.fromEntries(WEEKDAYS.map((d) => [d, messagesUnder(errors, `calendar.hours.${d}`)]));
  const calendarError = ownMessage(errors, 'calendar') ?? ownMessage(errors, 'calendar.hours');

  return (
    <FormProvider {...form}>
      <form onSubmit={onSubmit} noValidate className="stack" data-testid="agency-form">
        <Alert>{banner}</Alert>
        <fieldset className="fieldset">
          <legend>{t('agencies.general')}</legend>
          <div className="field-row">
            <Field id="agency-code" label={t('agencies.code')} error={errors.code?.message} hint={t('agencies.codeHint')} required>
              <input {...describedBy('agency-code', errors.code?.message, t('agencies.codeHint'))} {...register('code')} autoCapitalize="none" spellCheck={false} />
            </Field>
            <Field id="agency-name" label={t('agencies.name')} error={errors.name?.message} required className="field--grow">
              <input {...describedBy('agency-name', errors.name?.message)} {...register('name')} />
            </Field>
          </div>
          <div className="field-row">
            <Field id="agency-type" label={t('agencies.type')} error={errors.type?.message} required>
              <select {...describedBy('agency-type', errors.type?.message)} {...register('type')}>
                {AGENCY_TYPES.map((ty) => (
                  <option key={ty} value={ty}>
                    {t(`agencyTypes.${ty}`)}
                  </option>
                ))}
              </select>
            </Field>
            <Field id="agency-parent" label={t('agencies.parent')} error={errors.parentAgencyId?.message}>
              <select {...describedBy('agency-parent', errors.parentAgencyId?.message)} {...register('parentAgencyId', { setValueAs: toNullableNumber })}>
                <option value="">{t('agencies.noParent')}</option>
                {parents.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                  </option>
                ))}
              </select>
            </Field>
          </div>
          <label className="field--checkbox">
            <input type="checkbox" {...register('active')} /> {t('agencies.active')}
          </label>
        </fieldset>

        <ValidityFields seat={agency?.seat ?? null} />
        {type === 'shelter' && <ShelterFields />}

        <Controller
          control={control}
          name="coverage"
          render={({ field }) => (
            <CoveragePicker value={field.value} onChange={field.onChange} initialKnown={initialKnown} errors={messagesUnder(errors, 'coverage')} />
          )}
        />
        <ServicesFieldset />
        <Controller
          control={control}
          name="focalPhones"
          render={({ field }) => (
            <PhoneListField
              value={field.value}
              onChange={field.onChange}
              errors={(field.value ?? []).map((_, i) => firstMessage(errors, `focalPhones.${i}`))}
              listError={ownMessage(errors, 'focalPhones')}
            />
          )}
        />
        <Controller
          control={control}
          name="calendar"
          render={({ field }) => <CalendarEditor value={field.value} onChange={field.onChange} dayErrors={dayErrors} error={calendarError} />}
        />
        <FormActions pending={save.isPending} submitLabel={agency ? t('common.save') : t('agencies.create')} onCancel={onCancel} />
      </form>
    </FormProvider>
  );
}
