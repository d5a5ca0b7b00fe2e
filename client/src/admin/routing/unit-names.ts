import { useQueryClient } from '@tanstack/react-query';
import type { UnitRef, UnitView } from '../../../../shared/index.js';
import { useUnits } from '../../api/units-api.js';
import { unitKey, type KnownUnits } from '../agencies/chosen-units.js';

/**
 * Names of the units routing rules refer to. Rules store only `dataset:code`, and there is no lookup by code:
 * provinces (both datasets) and the districts of the three-tier dataset are loaded whole (a few hundred rows,
 * cached); anything else is named when some earlier unit list (the picker's) has loaded it, else shown by code.
 */
export function useUnitNames(refs: readonly UnitRef[]): KnownUnits {
  const qc = useQueryClient();
  const uses = (dataset: UnitRef['dataset'], len: (n: number) => boolean) => refs.some((r) => r.dataset === dataset && len(r.code.length));
  const p23 = useUnits({ dataset: 'vn-2023', level: 'province' }, uses('vn-2023', (n) => n <= 2));
  const p25 = useUnits({ dataset: 'vn-2025', level: 'province' }, uses('vn-2025', (n) => n <= 2));
  const d23 = useUnits({ dataset: 'vn-2023', level: 'district' }, uses('vn-2023', (n) => n === 3));
  const known: KnownUnits = {};
  const learn = (list: UnitView[] | undefined) => {
    for (const u of list ?? []) known[unitKey(u)] = { name: u.name, level: u.level };
  };
  for (const [, list] of qc.getQueriesData<UnitView[]>({ queryKey: ['units'] })) learn(list);
  [p23.data, p25.data, d23.data].forEach(learn);
  return known;
}
