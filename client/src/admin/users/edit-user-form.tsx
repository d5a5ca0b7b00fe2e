import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { FormProvider, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { updateUserBody, type AgencyView, type UserView } from '../../../../shared/index.js';
import { applyServerErrors } from '../../api/form-errors.js';
import { Alert } from '../../components/alert.js';
import { describedBy, Field, FieldError } from '../../components/field.js';
import { FormActions } from '../../components/form-actions.js';
import { zodErrorMap } from '../../i18n/messages.js';
import { UserFields, USER_FIELD_PATHS } from './user-fields.js';
import { useSaveUser } from './users-api.js';

type Input = z.input<typeof updateUserBody>;
type Output = z.output<typeof updateUserBody>;

interface Props {
  user: UserView;
  agencies: AgencyView[];
  onSaved: (u: UserView) => void;
  onCancel: () => void;
}

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

export function EditUserForm({ user, agencies, onSaved, onCancel }: Props) {
  const { t } = useTranslation();
  const save = useSaveUser();
  const [banner, setBanner] = useState<string | null>(null);
  const form = useForm<Input, unknown, Output>({
    resolver: zodResolver(updateUserBody, { error: zodErrorMap }),
    defaultValues: {
      displayName: user.displayName,
      role: user.role,
      agencyId: user.agencyId,
      phone: user.phone,
      locale: user.locale,
      voiceDevice: user.voiceDevice,
      voiceAddress: user.voiceAddress,
      active: user.active,
      password: undefined,
    },
  });
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit(async (body) => {
    setBanner(null);
    try {
      onSaved(await save.mutateAsync({ id: user.id, body }));
    } catch (err) {
      setBanner(applyServerErrors(err, form.setError, USER_FIELD_PATHS));
    }
  });

  return (
    <FormProvider {...form}>
      <form onSubmit={onSubmit} noValidate className="stack" data-testid="user-form">
        <Alert>{banner}</Alert>
        <p className="muted">
          {t('users.username')}: <code>{user.username}</code>
        </p>
        <UserFields agencies={agencies} />
        <Field id="user-password" label={t('users.newPassword')} error={errors.password?.message} hint={t('users.newPasswordHint')}>
          <input
            {...describedBy('user-password', errors.password?.message, t('users.newPasswordHint'))}
            {...form.register('password', { setValueAs: emptyToUndefined })}
            type="password"
            autoComplete="new-password"
          />
        </Field>
        <div className="field field--checkbox">
          <label>
            <input type="checkbox" {...form.register('active')} /> {t('users.active')}
          </label>
          <FieldError message={errors.active?.message} />
        </div>
        <FormActions pending={save.isPending} submitLabel={t('common.save')} onCancel={onCancel} />
      </form>
    </FormProvider>
  );
}
