import type { OnCall } from './resolveOnCall';

/**
 * An on-call in a few words, `#revenue-oncall (opsgenie R9)`, marked when it
 * is the owning team's rather than the product's own:
 * `#finance-oncall (pagerduty PFIN123, team)`.
 */
export function formatOnCall(onCall: OnCall | undefined): string {
  if (!onCall) return 'No on-call declared';
  const details = [
    onCall.provider && [onCall.provider, onCall.id].filter(Boolean).join(' '),
    onCall.source === 'team' && 'team',
  ].filter(Boolean);
  return details.length
    ? `${onCall.contact} (${details.join(', ')})`
    : onCall.contact;
}
