import type { LoginBody, SessionUser } from '../../../shared/index.js';
import { http, HttpError } from '../api/http.js';

export const authApi = {
  login: (body: LoginBody) => http.post<{ user: SessionUser }>('/api/auth/login', body),
  logout: () => http.post<void>('/api/auth/logout'),
  /** The signed-in user, or null when there is no session (401). */
  me: async (signal?: AbortSignal): Promise<SessionUser | null> => {
    try {
      return (await http.get<{ user: SessionUser }>('/api/auth/me', signal)).user;
    } catch (err) {
      if (err instanceof HttpError && err.status === 401) return null;
      throw err;
    }
  },
};
