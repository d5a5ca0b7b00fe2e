import type { Priority, SlaPolicyBody } from '../../../shared/index.js';
import { OFFICE_HOURS } from '../../../shared/schemas/agencies.js';

/**
 * The default SLA policies of domain.md ("Referral lifecycle and SLA"), loaded into an empty sla_policies table.
 * First action for trafficking follows Art. 27 (verification within 72 hours). Admins edit them at /admin/sla.
 */
export const DEFAULT_SLA_POLICIES: Record<Priority, SlaPolicyBody> = {
  urgent: {
    targets: { acknowledge: { value: 15, unit: 'minutes' }, first_action: { value: 2, unit: 'hours' }, close: { value: 30, unit: 'days' } },
    calendar: { mode: '24x7' },
    warnPercent: 75,
    supervisorAfterPercent: 25,
  },
  trafficking: {
    targets: { acknowledge: { value: 1, unit: 'hours' }, first_action: { value: 72, unit: 'hours' }, close: { value: 30, unit: 'days' } },
    calendar: { mode: '24x7' },
    warnPercent: 75,
    supervisorAfterPercent: 25,
  },
  suspected_trafficking: {
    targets: { acknowledge: { value: 4, unit: 'hours' }, first_action: { value: 72, unit: 'hours' }, close: { value: 45, unit: 'days' } },
    calendar: { mode: '24x7' },
    warnPercent: 75,
    supervisorAfterPercent: 25,
  },
  other_child_protection: {
    targets: {
      acknowledge: { value: 8, unit: 'business_hours' },
      first_action: { value: 3, unit: 'business_days' },
      close: { value: 60, unit: 'days' },
    },
    calendar: OFFICE_HOURS,
    warnPercent: 75,
    supervisorAfterPercent: 25,
  },
};
