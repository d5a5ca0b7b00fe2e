import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { ruleNameText } from '../../../../shared/index.js';
import { useLabels } from '../../i18n/use-labels.js';
import type { RoutingRuleView } from './routing-api.js';
import type { useRuleText } from './rule-text.js';

interface Props {
  rule: RoutingRuleView;
  text: ReturnType<typeof useRuleText>;
  /** The earlier active rule of the same track that matches every case, so this one never applies. */
  shadowedBy: RoutingRuleView | null;
  onEdit: (rule: RoutingRuleView) => void;
}

/** One rule as a sentence: "If: … → try in turn: A → B; if nobody accepts: the supervisor". */
export function RuleCard({ rule, text, shadowedBy, onEdit }: Props) {
  const { t } = useTranslation();
  const { lang } = useLabels();
  const conditions = text.conditions(rule.filter);
  return (
    <li className={`rule-card${rule.active ? '' : ' rule-card--off'}`} data-testid={`rule-${rule.id}`} data-active={rule.active}>
      <div className="rule-card-head">
        <span className="rule-position" title={t('routing.card.position', { position: rule.position })}>
          {rule.position}
        </span>
        <h4 className="rule-name" title={rule.name}>
          {ruleNameText(rule.name, lang)}
        </h4>
        {!rule.active && <span className="pill pill--off">{t('routing.card.inactive')}</span>}
        <button
          type="button"
          className="button button--small"
          onClick={() => onEdit(rule)}
          aria-label={t('routing.card.editLabel', { name: rule.name })}
          data-testid={`edit-rule-${rule.id}`}
        >
          {t('common.edit')}
        </button>
      </div>
      <p className="rule-sentence">
        <span className="rule-kw">{t('routing.card.if')}:</span>{' '}
        {conditions.length === 0 ? (
          <span className="rule-cond rule-cond--any">{t('routing.card.anyCase')}</span>
        ) : (
          conditions.map((c, i) => (
            <Fragment key={c}>
              {i > 0 && ', '}
              <span className="rule-cond">{c}</span>
            </Fragment>
          ))
        )}{' '}
        <span className="rule-arrow">→</span> <span className="rule-kw">{t('routing.card.then')}:</span>{' '}
        {rule.targets.length === 0 ? (
          <span className="muted">{t('routing.card.noTargets')}</span>
        ) : (
          rule.targets.map((tg, i) => (
            <Fragment key={i}>
              {i > 0 && <span className="rule-arrow"> → </span>}
              <span className="rule-target">{text.target(tg)}</span>
            </Fragment>
          ))
        )}
        ; <span className="rule-kw">{t('routing.card.exhausted')}:</span>{' '}
        <span className={`rule-exhausted rule-exhausted--${rule.onExhausted}`}>{text.exhausted(rule)}</span>
      </p>
      {shadowedBy && rule.active && (
        <p className="rule-warning" role="note">
          {t('routing.card.shadowed', { name: shadowedBy.name })}
        </p>
      )}
    </li>
  );
}
