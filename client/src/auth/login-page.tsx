import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { LANDING_PATH, loginBody, type LoginBody } from '../../../shared/index.js';
import { HttpError } from '../api/http.js';
import { ME_KEY } from '../api/query-client.js';
import { Alert } from '../components/alert.js';
import { describedBy, Field } from '../components/field.js';
import { applyAccountLocale } from '../i18n/index.js';
import { localizeMessage, zodErrorMap } from '../i18n/messages.js';
import { LanguageSwitch } from '../shell/language-switch.js';
import { authApi } from './auth-api.js';
import { useSession } from './use-session.js';

function loginErrorMessage(err: unknown, t: (key: 'auth.wrongCredentials' | 'auth.tooManyAttempts' | 'auth.networkError') => string) {
  if (!(err instanceof HttpError)) return String(err);
  if (err.status === 401) return t('auth.wrongCredentials');
  if (err.status === 429) return t('auth.tooManyAttempts');
  if (err.status === 0) return t('auth.networkError');
  return localizeMessage(err.message);
}

export function LoginPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const from = (useLocation().state as { from?: unknown } | null)?.from;
  const session = useSession();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<LoginBody>({ resolver: zodResolver(loginBody, { error: zodErrorMap }), defaultValues: { username: '', password: '' } });
  const { errors } = form.formState;

  const login = useMutation({
    mutationFn: authApi.login,
    onSuccess: ({ user }) => {
      qc.setQueryData(ME_KEY, user);
      applyAccountLocale(user.locale);
      // Back to the page that sent us here, if it belongs to this role; else the role's landing page.
      const landing = LANDING_PATH[user.role];
      const back = typeof from === 'string' && (from === landing || from.startsWith(`${landing}/`)) ? from : landing;
      void navigate(back, { replace: true });
    },
    onError: (err) => {
      setError(loginErrorMessage(err, t));
      form.setValue('password', '');
      form.setFocus('password');
    },
  });

  if (session.data) return <Navigate to={LANDING_PATH[session.data.role]} replace />;

  const onSubmit = form.handleSubmit((body) => {
    setError(null);
    login.mutate(body);
  });

  return (
    <div className="login-screen">
      <div className="login-lang">
        <LanguageSwitch />
      </div>
      <main className="login-card" aria-labelledby="login-title">
        <div className="brand brand--large">
          <span className="brand-mark" aria-hidden="true">111</span>
          <div>
            <p className="brand-name">{t('app.name')}</p>
            <p className="brand-tagline">{t('app.tagline')}</p>
          </div>
        </div>
        <h1 id="login-title">{t('auth.title')}</h1>
        <p className="muted">{t('auth.subtitle')}</p>
        <form onSubmit={onSubmit} noValidate className="stack">
          <Alert>{error}</Alert>
          <Field id="login-username" label={t('auth.username')} error={errors.username?.message}>
            <input
              {...describedBy('login-username', errors.username?.message)}
              {...form.register('username')}
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              autoFocus
            />
          </Field>
          <Field id="login-password" label={t('auth.password')} error={errors.password?.message}>
            <input
              {...describedBy('login-password', errors.password?.message)}
              {...form.register('password')}
              type="password"
              autoComplete="current-password"
            />
          </Field>
          <button type="submit" className="button button--primary button--block" disabled={login.isPending}>
            {login.isPending ? t('auth.submitting') : t('auth.submit')}
          </button>
        </form>
        <p className="fine-print">{t('auth.confidentiality')}</p>
      </main>
    </div>
  );
}
