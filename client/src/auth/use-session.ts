import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useNavigate } from 'react-router';
import type { SessionUser } from '../../../shared/index.js';
import { ME_KEY } from '../api/query-client.js';
import { authApi } from './auth-api.js';
import { clearInboxCache } from '../agency/inbox-cache.js';

/** The session as the server sees it: `undefined` while loading, `null` when signed out. */
export function useSession() {
  return useQuery<SessionUser | null>({
    queryKey: ME_KEY,
    queryFn: ({ signal }) => authApi.me(signal),
    staleTime: Infinity,
  });
}

/** Forgets everything cached for the previous user and goes to the login page. */
export function useEndSession() {
  const qc = useQueryClient();
  const navigate = useNavigate();
  return useCallback(() => {
    qc.clear();
    clearInboxCache(); // the last inbox list kept for a poor connection leaves with the officer
    qc.setQueryData(ME_KEY, null);
    void navigate('/login', { replace: true });
  }, [qc, navigate]);
}

export function useLogout() {
  const endSession = useEndSession();
  return useMutation({
    mutationFn: authApi.logout,
    // Even if the server call fails (network, already expired), the console leaves the session.
    onSettled: endSession,
  });
}
