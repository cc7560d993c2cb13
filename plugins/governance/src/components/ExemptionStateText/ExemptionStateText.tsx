import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { formatTime } from '@meshwork/plugin-data-products-common';
import type { StoredExemption } from '@meshwork/plugin-governance-common';

/**
 * An exemption's state and, when revoked, by whom, when (in the reader's
 * zone, named) and why: a grant that replaced it says so in the reason, so
 * a revocation nobody asked for is not left unexplained.
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
      {revokedAt && ` on ${formatTime(revokedAt)}`}
      {revocationReason && `: ${revocationReason}`}
    </>
  );
}
