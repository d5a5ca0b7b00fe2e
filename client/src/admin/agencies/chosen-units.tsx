import { useTranslation } from 'react-i18next';
import type { UnitLevel, UnitRef } from '../../../../shared/index.js';

export type KnownUnits = Record<string, { name: string; level: string; path?: string }>;

export const unitKey = (u: { dataset: string; code: string }) => `${u.dataset}:${u.code}`;

function isLevel(l: string): l is UnitLevel {
  return l === 'province' || l === 'district' || l === 'commune';
}

/** The units an agency covers, each with a remove button. */
export function ChosenUnits({
  value,
  known,
  onRemove,
  testId = 'coverage-chosen',
}: {
  value: UnitRef[];
  known: KnownUnits;
  onRemove: (key: string) => void;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="chosen-units">
      <h3 className="label">{t('coverage.chosen', { count: value.length })}</h3>
      {value.length === 0 ? (
        <p className="muted">{t('coverage.empty')}</p>
      ) : (
        <ul className="chip-list" data-testid={testId}>
          {value.map((u) => {
            const key = unitKey(u);
            const info = known[key];
            const name = info?.path ?? info?.name ?? u.code;
            return (
              <li key={key} className="chip">
                {info && isLevel(info.level) && <span className="chip-level">{t(`coverage.levels.${info.level}`)}</span>}
                <span>{name}</span>
                <span className="chip-code">
                  {u.code} · {u.dataset}
                </span>
                <button type="button" className="chip-remove" aria-label={t('coverage.remove', { name })} onClick={() => onRemove(key)}>
                  ×
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
