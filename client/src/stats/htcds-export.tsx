import { zodResolver } from '@hookform/resolvers/zod';
import { useState, type FormEvent } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { DEFAULT_K, htcdsQuery, MIN_K, type HtcdsQuery } from '../../../shared/index.js';
import { applyServerErrors } from '../api/form-errors.js';
import { HttpError } from '../api/http.js';
import { Alert } from '../components/alert.js';
import { describedBy, Field } from '../components/field.js';
import { zodErrorMap } from '../i18n/messages.js';
import { htcdsUrl, type StatsFilter } from './stats-api.js';

type In = z.input<typeof htcdsQuery>;

/** The export's anchor in the statistics' table of contents. */
export const HTCDS_ANCHOR = 'stats-section-export';

/** The server's file name (RFC 6266: the UTF-8 one when given). */
function fileNameOf(res: Response, fallback: string): string {
  const cd = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
  if (star) return decodeURIComponent(star[1]!);
  return /filename="([^"]+)"/i.exec(cd)?.[1] ?? fallback;
}

/**
 * The de-identified export for partners (HTCDS, k-anonymous), supervisors only, for the applied period and area.
 * Fetched rather than linked, so that a refusal (a bad k, an unknown area) is shown at its field.
 */
export function HtcdsExport({ filter }: { filter: StatsFilter | null }) {
  const { t } = useTranslation();
  const [banner, setBanner] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useForm<In, unknown, HtcdsQuery>({
    resolver: zodResolver(htcdsQuery, { error: zodErrorMap }),
    defaultValues: { from: filter?.from ?? '', to: filter?.to ?? '', areaId: filter?.areaId, k: DEFAULT_K, format: 'csv' },
  });
  const kError = form.formState.errors.k?.message;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!filter) return;
    form.setValue('from', filter.from);
    form.setValue('to', filter.to);
    form.setValue('areaId', filter.areaId);
    void form.handleSubmit(async (q) => {
      setBanner(null);
      setBusy(true);
      try {
        const url = htcdsUrl({ from: q.from, to: q.to, areaId: q.areaId }, q.k, q.format);
        const res = await fetch(url, { credentials: 'same-origin' });
        if (!res.ok) {
          const body = (await res.json().catch(() => null)) as { error?: { code: string; message: string; fields?: Record<string, string> } } | null;
          throw new HttpError(res.status, body?.error?.code ?? 'http', body?.error?.message ?? `${res.status}`, body?.error?.fields ?? {});
        }
        const blob = await res.blob();
        const a = document.createElement('a');
        a.href = URL.createObjectURL(blob);
        a.download = fileNameOf(res, `htcds.${q.format}`);
        document.body.append(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
      } catch (err) {
        setBanner(applyServerErrors(err, form.setError, ['k', 'format']));
      } finally {
        setBusy(false);
      }
    })();
  };

  return (
    <section id={HTCDS_ANCHOR} className="panel stats-htcds" aria-labelledby="stats-htcds-title" data-testid="stats-htcds">
      <header className="panel-header">
        <h2 id="stats-htcds-title">{t('stats.htcds.title')}</h2>
      </header>
      <p className="muted small">{t('stats.htcds.intro')}</p>
      <form onSubmit={onSubmit} noValidate className="stack-s">
        <Alert>{banner}</Alert>
        <div className="stats-htcds-row">
          <Field id="htcds-k" label={t('stats.htcds.k')} error={kError} hint={t('stats.htcds.kHint')}>
            <input type="number" min={MIN_K} max={1000} step={1} inputMode="numeric" {...describedBy('htcds-k', kError, t('stats.htcds.kHint'))} {...form.register('k')} data-testid="htcds-k" />
          </Field>
          <fieldset className="fieldset fieldset--bare">
            <legend className="label">{t('stats.htcds.format')}</legend>
            <div className="radio-row">
              {(['csv', 'json'] as const).map((f) => (
                <label key={f}>
                  <input type="radio" value={f} {...form.register('format')} data-testid={`htcds-format-${f}`} />
                  {f.toUpperCase()}
                </label>
              ))}
            </div>
          </fieldset>
        </div>
        <div className="inline-row">
          <button type="submit" className="button" disabled={!filter || busy} data-testid="htcds-download">
            <span aria-hidden="true">⤓</span> {busy ? t('stats.htcds.preparing') : t('stats.htcds.download')}
          </button>
          <span className="muted small">{t('stats.htcds.audited')}</span>
        </div>
      </form>
    </section>
  );
}
