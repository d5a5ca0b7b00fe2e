import { useQuery } from '@tanstack/react-query';
import type { VoiceConfigView, VoiceTokenView } from '../../../shared/index.js';
import { http } from '../api/http.js';

export const VOICE_CONFIG_KEY = ['voice', 'config'] as const;

/** GET /api/voice/config: Twilio or the training line, whether this console has a softphone, and the line's timings. */
export function useVoiceConfig(enabled = true) {
  return useQuery<VoiceConfigView>({
    queryKey: VOICE_CONFIG_KEY,
    queryFn: ({ signal }) => http.get<VoiceConfigView>('/api/voice/config', signal),
    staleTime: Infinity,
    enabled,
  });
}

/** A fresh softphone token (GET /api/voice/token): at start and whenever the SDK says the last one will expire. */
export const fetchVoiceToken = () => http.get<VoiceTokenView>('/api/voice/token').then((r) => r.token);

/** The training line (supervisors and admins): a simulated call, and what its simulated caller does. */
export const trainingApi = {
  place: (from?: string) => http.post<{ contactId: number; ref: string | null }>('/api/training/calls', from ? { from } : {}),
  hangup: (contactId: number) => http.post<{ contactId: number }>(`/api/training/calls/${contactId}/hangup`),
  voicemail: (contactId: number) => http.post<{ contactId: number }>(`/api/training/calls/${contactId}/voicemail`),
};
