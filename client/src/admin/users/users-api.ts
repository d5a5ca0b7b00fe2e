import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateUserBody, UpdateUserBody, UserView } from '../../../../shared/index.js';
import { http } from '../../api/http.js';

export const USERS_KEY = ['admin', 'users'] as const;

export function useUsers() {
  return useQuery({
    queryKey: USERS_KEY,
    queryFn: ({ signal }) => http.get<{ users: UserView[] }>('/api/admin/users', signal).then((r) => r.users),
  });
}

export function useSaveUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: null; body: CreateUserBody } | { id: number; body: UpdateUserBody }) =>
      (v.id === null
        ? http.post<{ user: UserView }>('/api/admin/users', v.body)
        : http.put<{ user: UserView }>(`/api/admin/users/${v.id}`, v.body)
      ).then((r) => r.user),
    onSuccess: () => qc.invalidateQueries({ queryKey: USERS_KEY }),
  });
}
