import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RoutingRule, RoutingRuleBody } from '../../../../shared/index.js';
import { http } from '../../api/http.js';

export type RoutingRuleView = RoutingRule & { updatedAt: string };

export const ROUTING_RULES_KEY = ['admin', 'routing-rules'] as const;

export function useRoutingRules() {
  return useQuery({
    queryKey: ROUTING_RULES_KEY,
    queryFn: ({ signal }) => http.get<{ rules: RoutingRuleView[] }>('/api/admin/routing-rules', signal).then((r) => r.rules),
  });
}

export function useSaveRoutingRule() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number | null; body: RoutingRuleBody }) =>
      (id === null
        ? http.post<{ rule: RoutingRuleView }>('/api/admin/routing-rules', body)
        : http.put<{ rule: RoutingRuleView }>(`/api/admin/routing-rules/${id}`, body)
      ).then((r) => r.rule),
    onSuccess: () => qc.invalidateQueries({ queryKey: ROUTING_RULES_KEY }),
  });
}
