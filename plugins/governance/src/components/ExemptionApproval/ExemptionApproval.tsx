import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { StoredExemption } from '@meshwork/plugin-governance-common';

/**
 * Who an exemption names as its approver and, when that is someone else,
 * who granted it: the approver is what the granting user wrote, so it is
 * never shown alone as if it were who acted.
 */
export function ExemptionApproval(props: {
  exemption: Pick<StoredExemption, 'approver' | 'createdBy'>;
}) {
  const { approver, createdBy } = props.exemption;
  return (
    <>
      <EntityRefLink entityRef={approver} />
      {createdBy.toLocaleLowerCase('en-US') !==
        approver.toLocaleLowerCase('en-US') && (
        <>
          , granted by <EntityRefLink entityRef={createdBy} />
        </>
      )}
    </>
  );
}
