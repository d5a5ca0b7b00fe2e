import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgencyView, ReferralSummary, SessionUser } from '../../../shared/index.js';
import { http, HttpError } from '../api/http.js';
import { Alert } from '../components/alert.js';
import { actionErrorText } from '../referrals/referral-errors.js';

const MINE_KEY = ['agencies', 'mine'] as const;

/** Until the server has /api/agencies/mine, a shelter is recognised by its referrals (shelter track) or its name. */
const SHELTER_NAME = /trung tâm|cơ sở (bảo trợ|trợ giúp|công tác)|nhà tạm lánh|shelter/i;

/**
 * A shelter's free places drive routing rule 3 (a shelter with a free place): the officer keeps the occupancy current.
 * Capacity is shown when GET /api/agencies/mine answers.
 */
export function OccupancyBox({ user, referrals }: { user: SessionUser; referrals: ReferralSummary[] }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const mine = useQuery({
    queryKey: MINE_KEY,
    queryFn: ({ signal }) => http.get<{ agency: AgencyView }>('/api/agencies/mine', signal).then((r) => r.agency),
    retry: false,
    staleTime: 60_000,
  });
  const agency = mine.data;
  const missing = mine.isError && mine.error instanceof HttpError && (mine.error.status === 404 || mine.error.status === 405);
  const guessShelter = referrals.some((r) => r.track === 'shelter') || SHELTER_NAME.test(user.agencyName ?? '');
  const isShelter = agency ? agency.type === 'shelter' : missing && guessShelter;

  const [value, setValue] = useState('');
  const [banner, setBanner] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);
  const current = agency?.shelter?.occupancy;
  useEffect(() => {
    if (current !== undefined) setValue(String(current));
  }, [current]);

  const save = useMutation({
    mutationFn: (occupancy: number) => http.put<{ shelter?: { capacity: number; occupancy: number } }>(`/api/agencies/${user.agencyId}/occupancy`, { occupancy }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: MINE_KEY }),
  });
  // The PUT answers with the shelter's capacity: shown from then on even without /api/agencies/mine.
  const capacity = agency?.shelter?.capacity ?? save.data?.shelter?.capacity;

  if (!isShelter || user.agencyId === null) return null;
  const n = Number(value);
  const invalid = value.trim() === '' || !Number.isInteger(n) || n < 0 || (capacity !== undefined && n > capacity);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setBanner(null);
    if (invalid) return;
    try {
      await save.mutateAsync(n);
      setBanner({ kind: 'success', text: t('referral.occupancy.saved') });
    } catch (err) {
      setBanner({ kind: 'error', text: actionErrorText(err) });
    }
  };

  return (
    <section className="occupancy-box" aria-labelledby="occupancy-title" data-testid="occupancy-box">
      <h2 id="occupancy-title">{t('referral.occupancy.title')}</h2>
      <form className="occupancy-form" onSubmit={(e) => void onSubmit(e)} noValidate>
        <label htmlFor="occupancy-input">{t('referral.occupancy.label')}</label>
        <input
          id="occupancy-input"
          type="number"
          inputMode="numeric"
          min={0}
          max={capacity}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          aria-invalid={value !== '' && invalid ? true : undefined}
          aria-describedby="occupancy-hint"
          data-testid="occupancy-input"
        />
        {capacity !== undefined && (
          <span className="occupancy-capacity">
            {t('referral.occupancy.capacity', { capacity })}
            {' · '}
            {!invalid && (capacity - n > 0 ? t('referral.occupancy.free', { count: capacity - n }) : t('referral.occupancy.full'))}
          </span>
        )}
        <button type="submit" className="button button--small" disabled={save.isPending || invalid} data-testid="occupancy-save">
          {save.isPending ? t('common.saving') : t('referral.occupancy.save')}
        </button>
      </form>
      <p id="occupancy-hint" className="field-hint">
        {t('referral.occupancy.hint')}
      </p>
      {banner && <Alert kind={banner.kind}>{banner.text}</Alert>}
    </section>
  );
}
