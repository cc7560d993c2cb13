import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  type StoredExemption,
  utcMinute,
} from '@meshwork/plugin-governance-common';

/**
 * An exemption's state and, when revoked, by whom, when and why: a grant
 * that replaced it says so in the reason, so a revocation nobody asked for
 * is not left unexplained. The time is in UTC, as the exemption's end is
 * beside it, so that the two compare at a glance.
 */
export function ExemptionStateText(props: {
  exemption: Pick<
    StoredExemption,
    'state' | 'revokedAt' | 'revokedBy' | 'revocationReason'
  >;
}) {
  const { state, revokedAt, revokedBy, revocationReason } = props.exemption;
  if (state !== 'revoked') return <>{state}</>;
  return (
    <>
      revoked
      {revokedBy && (
        <>
          {' '}
          by <EntityRefLink entityRef={revokedBy} />
        </>
      )}
      {revokedAt && ` on ${utcMinute(revokedAt)}`}
      {revocationReason && `: ${revocationReason}`}
    </>
  );
}
