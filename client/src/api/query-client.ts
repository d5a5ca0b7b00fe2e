import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { HttpError } from './http.js';

export const ME_KEY = ['auth', 'me'] as const;

/** A 401 anywhere means the session is gone: clearing "me" makes the route guard send the user to /login. */
function onError(err: unknown, client: () => QueryClient) {
  if (err instanceof HttpError && err.status === 401) client().setQueryData(ME_KEY, null);
}

export function createQueryClient(): QueryClient {
  const qc: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: (err) => onError(err, () => qc) }),
    mutationCache: new MutationCache({ onError: (err) => onError(err, () => qc) }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // Client errors (4xx) will not get better by retrying.
        retry: (count, err) => !(err instanceof HttpError && err.status >= 400 && err.status < 500) && count < 2,
      },
    },
  });
  return qc;
}
