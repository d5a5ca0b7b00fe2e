import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { statsQuery, type StatsQuery } from '../../../shared/index.js';
import { HttpError } from '../api/http.js';
import { Alert } from '../components/alert.js';
import { DateField } from '../components/date-field.js';
import { localizeMessage, zodErrorMap } from '../i18n/messages.js';
import { AreaPicker, type AreaChoice } from './area-picker.js';
import { matchPreset, presetPeriod, presetYear, PRESETS, type Preset } from './periods.js';
import type { AppliedFilters, AreaPath } from './use-stats-filters.js';

type In = z.input<typeof statsQuery>;
const FIELDS = ['from', 'to', 'areaId'] as const;

interface Props {
  applied: AppliedFilters;
  onApply: (next: AppliedFilters) => void;
  /** The last answer's error: a 400 names its fields, shown at them; anything else goes to the banner. */
  serverError: Error | null;
  busy: boolean;
}

/**
 * Period (a preset or any two dates) and area, checked with the shared schema before anything is asked; the
 * figures change only on "Xem số liệu", so a half-chosen area never fires a slow query.
 */
export function StatsFilters({ applied, onApply, serverError, busy }: Props) {
  const { t } = useTranslation();
  const form = useForm<In, unknown, StatsQuery>({
    resolver: zodResolver(statsQuery, { error: zodErrorMap }),
    defaultValues: { from: applied.from, to: applied.to, areaId: applied.areaId },
  });
  const [path, setPath] = useState<AreaPath>(applied.path);
  const [banner, setBanner] = useState<string | null>(null);
  const { errors } = form.formState;
  const [from, to, areaId] = useWatch({ control: form.control, name: ['from', 'to', 'areaId'] });

  // The URL changed (back, forward, a link): the form follows, and says at once what is wrong with it.
  useEffect(() => {
    form.reset({ from: applied.from, to: applied.to, areaId: applied.areaId });
    setPath(applied.path);
    void form.trigger();
  }, [applied, form]);

  useEffect(() => {
    setBanner(null);
    if (!serverError) return;
    if (serverError instanceof HttpError && serverError.status === 400 && Object.keys(serverError.fields).length > 0) {
      const other: string[] = [];
      for (const [field, message] of Object.entries(serverError.fields)) {
        if ((FIELDS as readonly string[]).includes(field)) form.setError(field as (typeof FIELDS)[number], { type: 'server', message });
        else other.push(`${field}: ${localizeMessage(message)}`);
      }
      if (other.length) setBanner(other.join(' '));
    } else setBanner(t('common.loadError', { message: localizeMessage(serverError.message) }));
  }, [serverError, form, t]);

  const preset: Preset | 'custom' = matchPreset({ from: String(from ?? ''), to: String(to ?? '') }) ?? 'custom';
  const choosePreset = (p: string) => {
    if (p === 'custom') return;
    const period = presetPeriod(p as Preset);
    const opts = { shouldDirty: true, shouldValidate: form.formState.isSubmitted };
    form.setValue('from', period.from, opts);
    form.setValue('to', period.to, opts);
  };
  const chooseArea = (a: AreaChoice) => {
    setPath(a.path);
    form.setValue('areaId', a.areaId, { shouldDirty: true });
    form.clearErrors('areaId');
  };
  const changed = from !== applied.from || to !== applied.to || areaId !== applied.areaId;

  const onSubmit = form.handleSubmit((v) => {
    setBanner(null);
    onApply({ from: v.from, to: v.to, areaId: v.areaId, path: v.areaId === undefined ? { ...path, province: '', district: '', commune: '' } : path });
  });

  const fromError = errors.from?.message;
  const toError = errors.to?.message;

  return (
    <form className="panel stats-filters" onSubmit={onSubmit} noValidate aria-labelledby="stats-filters-title" data-testid="stats-filters">
      <h2 id="stats-filters-title" className="visually-hidden">
        {t('stats.filters.title')}
      </h2>
      <Alert>{banner}</Alert>
      <fieldset className="fieldset stats-period">
        <legend>{t('stats.filters.period')}</legend>
        <div className="stats-period-row">
          <div className="field">
            <label htmlFor="stats-preset">{t('stats.filters.preset')}</label>
            <select id="stats-preset" value={preset} onChange={(e) => choosePreset(e.target.value)} data-testid="stats-preset">
              <option value="custom">{t('stats.filters.presets.custom')}</option>
              {PRESETS.map((p) => (
                <option key={p} value={p}>
                  {t(`stats.filters.presets.${p}`, { year: presetYear(p) })}
                </option>
              ))}
            </select>
          </div>
          {(['from', 'to'] as const).map((k) => (
            <Controller
              key={k}
              control={form.control}
              name={k}
              render={({ field }) => (
                <DateField
                  id={`stats-${k}`}
                  testId={`stats-${k}`}
                  label={t(`stats.filters.${k}`)}
                  value={String(field.value ?? '')}
                  onChange={field.onChange}
                  onBlur={field.onBlur}
                  name={field.name}
                  inputRef={field.ref}
                  error={k === 'from' ? fromError : toError}
                />
              )}
            />
          ))}
        </div>
        <p className="field-hint">{t('stats.filters.periodHint')}</p>
      </fieldset>
      <AreaPicker value={{ path, areaId: typeof areaId === 'number' ? areaId : undefined }} onChange={chooseArea} error={errors.areaId?.message} />
      <div className="stats-apply">
        {changed && <span className="muted small">{t('stats.filters.notApplied')}</span>}
        <button type="submit" className="button button--primary" aria-busy={busy || undefined} data-testid="stats-apply">
          {busy ? t('stats.filters.applying') : t('stats.filters.apply')}
        </button>
      </div>
    </form>
  );
}
