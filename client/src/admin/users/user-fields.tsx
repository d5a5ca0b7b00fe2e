import { useEffect } from 'react';
import { useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ROLES, takesCalls, type AgencyView, type CreateUserBody, type Role, type VoiceDevice } from '../../../../shared/index.js';
import { describedBy, Field } from '../../components/field.js';
import { LANGUAGES } from '../../i18n/index.js';
import { VoiceEndpointFields } from './voice-endpoint-fields.js';

/** Fields that creating and editing a user share. */
export interface CommonUserInput {
  displayName: string;
  role: Role;
  agencyId?: number | null;
  phone?: string | null;
  locale?: CreateUserBody['locale'];
  voiceDevice?: VoiceDevice;
  voiceAddress?: string | null;
}

export const USER_FIELD_PATHS = ['username', 'password', 'displayName', 'role', 'agencyId', 'phone', 'locale', 'voiceDevice', 'voiceAddress', 'active'] as const;

const toNullableNumber = (v: unknown) => (v === '' || v == null ? null : Number(v));
const toNullableString = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : null);

export function UserFields({ agencies }: { agencies: AgencyView[] }) {
  const { t } = useTranslation();
  const { register, watch, setValue, formState } = useFormContext<CommonUserInput>();
  const { errors } = formState;
  const role = watch('role');

  // Only agency officers belong to an agency: drop the choice when the role changes away.
  useEffect(() => {
    if (role !== 'agency_officer') setValue('agencyId', null);
    // Only operators and supervisors take calls: others go back to the softphone default.
    if (!takesCalls(role)) {
      setValue('voiceDevice', 'softphone');
      setValue('voiceAddress', null);
    }
  }, [role, setValue]);

  return (
    <>
      <Field id="user-displayName" label={t('users.displayName')} error={errors.displayName?.message} required>
        <input {...describedBy('user-displayName', errors.displayName?.message)} {...register('displayName')} autoComplete="off" />
      </Field>
      <div className="field-row">
        <Field id="user-role" label={t('users.role')} error={errors.role?.message} required>
          <select {...describedBy('user-role', errors.role?.message)} {...register('role')}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </select>
        </Field>
        {role === 'agency_officer' && (
          <Field id="user-agency" label={t('users.agency')} error={errors.agencyId?.message} required>
            <select {...describedBy('user-agency', errors.agencyId?.message)} {...register('agencyId', { setValueAs: toNullableNumber })}>
              <option value="">{t('users.selectAgency')}</option>
              {agencies.map((a) => (
                <option key={a.id} value={a.id} disabled={!a.active}>
                  {a.name}
                </option>
              ))}
            </select>
          </Field>
        )}
      </div>
      <div className="field-row">
        <Field id="user-phone" label={t('users.phone')} error={errors.phone?.message}>
          <input {...describedBy('user-phone', errors.phone?.message)} {...register('phone', { setValueAs: toNullableString })} type="tel" autoComplete="off" />
        </Field>
        <Field id="user-locale" label={t('users.locale')} error={errors.locale?.message}>
          <select {...describedBy('user-locale', errors.locale?.message)} {...register('locale')}>
            {LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {t(`language.${l}`)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      {takesCalls(role) && <VoiceEndpointFields />}
    </>
  );
}
