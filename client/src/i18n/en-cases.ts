import type { viCases } from './vi-cases.js';

export const enCases: typeof viCases = {
  attach: {
    legend: 'Attach to an existing case',
    hint: 'A follow-up, new information, the victim calling back: attach it to the earlier case so the agencies handling it get the news on the same referral.',
    pick: "Pick from this number's earlier contacts",
    pickNone: '— Choose a case —',
    byRef: 'Or type a case reference',
    refPlaceholder: 'LH-000123',
    submit: 'Attach',
    detach: 'Detach',
    attached: 'Attached to case {{ref}} ({{status}})',
    noNewReferral: 'Wrapping up makes no new referral: the information goes to the open referrals of case {{ref}}.',
    closedRoutedAgain: 'Case closed — this contact will be routed again: wrapping up refers it like a new contact and reopens case {{ref}}.',
    badRef: 'Not a case reference (e.g. LH-000123).',
    errors: {
      invalid: 'No wrapped-up case has this reference.',
      forbidden: "This case is another number's: a supervisor must grant you the case before you attach to it.",
      conflict: 'You are no longer handling this contact.',
    },
    open: 'Case history',
  },
  status: { open: 'open', closed: 'closed' },
  history: {
    title: 'Case history',
    status: 'Case status',
    closedAt: 'Closed {{time}}',
    contacts: 'Contacts',
    first: 'First call',
    followUp: 'Follow-up',
    reopened: 'reopened the case',
    referrals: 'Referrals',
    noReferrals: 'This case has no referral.',
    supervisorQueue: 'Supervisor',
  },
};
