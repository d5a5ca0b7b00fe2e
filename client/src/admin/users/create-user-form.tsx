import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { FormProvider, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { createUserBody, type AgencyView, type UserView } from '../../../../shared/index.js';
import { applyServerErrors } from '../../api/form-errors.js';
import { Alert } from '../../components/alert.js';
import { describedBy, Field } from '../../components/field.js';
import { FormActions } from '../../components/form-actions.js';
import { zodErrorMap } from '../../i18n/messages.js';
import { UserFields, USER_FIELD_PATHS } from './user-fields.js';
import { useSaveUser } from './users-api.js';

type Input = z.input<typeof createUserBody>;
type Output = z.output<typeof createUserBody>;

interface Props {
  agencies: AgencyView[];
  onSaved: (u: UserView) => void;
  onCancel: () => void;
}

export function CreateUserForm({ agencies, onSaved, onCancel }: Props) {
  const { t } = useTranslation();
  const save = useSaveUser();
  const [banner, setBanner] = useState<string | null>(null);
  const form = useForm<Input, unknown, Output>({
    resolver: zodResolver(createUserBody, { error: zodErrorMap }),
    defaultValues: { username: '', password: '', displayName: '', role: 'operator', agencyId: null, phone: null, locale: 'vi', voiceDevice: 'softphone', voiceAddress: null },
  });
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit(async (body) => {
    setBanner(null);
    try {
      onSaved(await save.mutateAsync({ id: null, body }));
    } catch (err) {
      setBanner(applyServerErrors(err, form.setError, USER_FIELD_PATHS));
    }
  });

  return (
    <FormProvider {...form}>
      <form onSubmit={onSubmit} noValidate className="stack" data-testid="user-form">
        <Alert>{banner}</Alert>
        <div className="field-row">
          <Field id="user-username" label={t('users.username')} error={errors.username?.message} required>
            <input {...describedBy('user-username', errors.username?.message)} {...form.register('username')} autoComplete="off" autoCapitalize="none" spellCheck={false} />
          </Field>
          <Field id="user-password" label={t('users.password')} error={errors.password?.message} hint={t('users.passwordHint')} required>
            <input {...describedBy('user-password', errors.password?.message, t('users.passwordHint'))} {...form.register('password')} type="password" autoComplete="new-password" />
          </Field>
        </div>
        <UserFields agencies={agencies} />
        <FormActions pending={save.isPending} submitLabel={t('users.create')} onCancel={onCancel} />
      </form>
    </FormProvider>
  );
}
