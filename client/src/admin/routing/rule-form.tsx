import { useEffect, useState } from 'react';
import { FormProvider, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { REFERRAL_TRACKS, type ReferralTrack, type RoutingRuleBody } from '../../../../shared/index.js';
import { applyServerErrors } from '../../api/form-errors.js';
import { Alert } from '../../components/alert.js';
import { describedBy, Field, FieldError } from '../../components/field.js';
import { FormActions } from '../../components/form-actions.js';
import type { KnownUnits } from '../agencies/chosen-units.js';
import { FilterEditor } from './filter-editor.js';
import { useSaveRoutingRule, type RoutingRuleView } from './routing-api.js';
import { newTarget, nextPosition, RULE_FIELD_PATHS, toFormValues, type RuleFormValues } from './rule-form-values.js';
import { ruleResolver } from './rule-resolver.js';
import { TargetsEditor } from './targets-editor.js';

interface Props {
  rule: RoutingRuleView | null;
  /** The track a new rule starts on. */
  track: ReferralTrack;
  rules: readonly RoutingRuleView[];
  names: KnownUnits;
  onSaved: (r: RoutingRuleView) => void;
  onCancel: () => void;
}

export function RuleForm({ rule, track: initialTrack, rules, names, onSaved, onCancel }: Props) {
  const { t } = useTranslation();
  const save = useSaveRoutingRule();
  const [banner, setBanner] = useState<string | null>(null);
  const form = useForm<RuleFormValues, unknown, RoutingRuleBody>({
    resolver: ruleResolver,
    defaultValues: toFormValues(rule, initialTrack, rules),
  });
  const { register, control, setValue, formState } = form;
  const { errors, dirtyFields } = formState;
  const track = useWatch({ control, name: 'track' });

  // A new rule follows its track until the administrator sets these themselves: last position, usual first target.
  const creating = rule === null;
  const positionDirty = !!dirtyFields.position;
  const targetsDirty = !!dirtyFields.targets;
  const exhaustedDirty = !!dirtyFields.onExhausted;
  useEffect(() => {
    if (!creating) return;
    if (!positionDirty) setValue('position', nextPosition(rules, track));
    if (!targetsDirty) setValue('targets', [newTarget(track)]);
    if (!exhaustedDirty) setValue('onExhausted', track === 'border_guard' ? 'skip' : 'supervisor');
  }, [track]); // only a change of track moves them

  const onSubmit = form.handleSubmit(
    async (body) => {
      setBanner(null);
      try {
        onSaved(await save.mutateAsync({ id: rule?.id ?? null, body }));
      } catch (err) {
        setBanner(applyServerErrors(err, form.setError, RULE_FIELD_PATHS));
      }
    },
    () => setBanner(t('common.formHasErrors')),
  );

  return (
    <FormProvider {...form}>
      <form onSubmit={(e) => void onSubmit(e)} noValidate className="stack rule-form" data-testid="rule-form">
        <Alert>{banner}</Alert>
        <fieldset className="fieldset">
          <legend>{t('routing.form.general')}</legend>
          <Field id="rule-name" label={t('routing.form.name')} error={errors.name?.message} required>
            <input {...describedBy('rule-name', errors.name?.message)} data-testid="rule-name" {...register('name')} />
          </Field>
          <div className="field-row">
            <Field id="rule-track" label={t('routing.form.track')} error={errors.track?.message} hint={t(`routing.trackHint.${track}`)} required>
              <select {...describedBy('rule-track', errors.track?.message, t(`routing.trackHint.${track}`))} data-testid="rule-track" {...register('track')}>
                {REFERRAL_TRACKS.map((tr) => (
                  <option key={tr} value={tr}>
                    {t(`referral.track.${tr}`)}
                  </option>
                ))}
              </select>
            </Field>
            <Field id="rule-position" label={t('routing.form.position')} error={errors.position?.message} hint={t('routing.form.positionHint')} required>
              <input
                type="number"
                min={0}
                step={1}
                inputMode="numeric"
                {...describedBy('rule-position', errors.position?.message, t('routing.form.positionHint'))}
                data-testid="rule-position"
                {...register('position', { valueAsNumber: true })}
              />
            </Field>
          </div>
          <label className="field--checkbox">
            <input type="checkbox" data-testid="rule-active" {...register('active')} /> {t('routing.form.active')}
          </label>
        </fieldset>
        <FilterEditor names={names} />
        <TargetsEditor />
        <fieldset className="fieldset" aria-describedby={errors.onExhausted ? 'rule-on-exhausted-error' : undefined}>
          <legend>{t('routing.form.onExhausted')}</legend>
          <div className="radio-row">
            {(['supervisor', 'skip'] as const).map((o) => (
              <label key={o}>
                <input type="radio" value={o} data-testid={`rule-on-exhausted-${o}`} {...register('onExhausted')} />
                <span>
                  {t(`routing.exhausted.${o}`)}
                  <span className="field-hint"> · {t(`routing.exhaustedHint.${o}`)}</span>
                </span>
              </label>
            ))}
          </div>
          <FieldError id="rule-on-exhausted-error" message={errors.onExhausted?.message} />
        </fieldset>
        <FormActions pending={save.isPending} submitLabel={rule ? t('common.save') : t('routing.create')} onCancel={onCancel} submitTestId="rule-save" />
      </form>
    </FormProvider>
  );
}
