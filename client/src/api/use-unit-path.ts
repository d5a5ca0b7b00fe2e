import { useDeferredValue, useState } from 'react';
import type { UnitDataset } from '../../../shared/index.js';
import { useUnits } from './units-api.js';

/**
 * The units to choose from along a path: provinces of the dataset, then districts (three-tier dataset only), then
 * communes under the district or province, searchable by name. Used by every unit picker.
 */
export function useUnitPathOptions(path: { dataset: UnitDataset; province: string; district: string }) {
  const [search, setSearch] = useState('');
  const q = useDeferredValue(search.trim());
  const threeTier = path.dataset === 'vn-2023';
  const communeParent = threeTier ? path.district : path.province;
  const provinces = useUnits({ dataset: path.dataset, level: 'province' });
  const districts = useUnits({ dataset: path.dataset, level: 'district', parent: path.province }, threeTier && path.province !== '');
  const communes = useUnits(
    { dataset: path.dataset, level: 'commune', parent: communeParent, q: q.length >= 2 ? q : undefined },
    communeParent !== '',
  );
  return { search, setSearch, threeTier, communeParent, provinces, districts, communes };
}
