import { useEffect } from 'react';
import { useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { VOICE_DEVICES } from '../../../../shared/index.js';
import { describedBy, Field } from '../../components/field.js';
import type { CommonUserInput } from './user-fields.js';

const toNullableString = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : null);

/** Where an operator's or supervisor's calls ring: the browser softphone, a desk or mobile phone, or a SIP device. */
export function VoiceEndpointFields() {
  const { t } = useTranslation();
  const { register, watch, setValue, formState } = useFormContext<CommonUserInput>();
  const { errors } = formState;
  const device = watch('voiceDevice') ?? 'softphone';

  // The softphone has no address: drop one typed for a phone or SIP device when going back to it.
  useEffect(() => {
    if (device === 'softphone') setValue('voiceAddress', null);
  }, [device, setValue]);

  const hint = device === 'softphone' ? undefined : t(`users.voiceAddressHint.${device}`);
  return (
    <div className="field-row">
      <Field id="user-voiceDevice" label={t('users.voiceDevice')} error={errors.voiceDevice?.message}>
        <select {...describedBy('user-voiceDevice', errors.voiceDevice?.message)} {...register('voiceDevice')}>
          {VOICE_DEVICES.map((d) => (
            <option key={d} value={d}>
              {t(`users.voiceDevices.${d}`)}
            </option>
          ))}
        </select>
      </Field>
      {device !== 'softphone' && (
        <Field id="user-voiceAddress" label={t(`users.voiceAddress.${device}`)} error={errors.voiceAddress?.message} hint={hint} required>
          <input
            {...describedBy('user-voiceAddress', errors.voiceAddress?.message, hint)}
            {...register('voiceAddress', { setValueAs: toNullableString })}
            type={device === 'phone' ? 'tel' : 'text'}
            autoComplete="off"
            spellCheck={false}
          />
        </Field>
      )}
    </div>
  );
}
