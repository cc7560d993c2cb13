import { useApi } from '@backstage/frontend-plugin-api';
import { Typography } from '@material-ui/core';
import { describeSloBreaches } from '@meshwork/plugin-lineage-common';
import useAsync from 'react-use/esm/useAsync';
import { dataProductsApiRef, ProductStatuses } from '../../api';

/**
 * Each SLO a product breaches, if its status says it breaches any, with
 * what was measured against its limit, as its SLO card words it: on-call sees what is broken without
 * opening the product. Read again with each read of the statuses; the last
 * lines read stay while it runs, and none show when it fails (the status
 * still says what is breached).
 */
export function SloBreaches(props: {
  entityRef: string;
  statuses: ProductStatuses;
}) {
  const { entityRef, statuses } = props;
  const dataProductsApi = useApi(dataProductsApiRef);
  const breaching =
    statuses.sloAvailable &&
    statuses.byRef.get(entityRef)?.slo?.status === 'breaching';
  const breaches = useAsync(
    async () =>
      breaching
        ? describeSloBreaches(await dataProductsApi.slo(entityRef))
        : [],
    // Each read of the statuses, a new object, reads the SLOs again.
    [dataProductsApi, entityRef, breaching, statuses],
  );
  if (!breaches.value?.length) return null;
  return (
    <ul aria-label="SLOs breached" style={{ margin: 0, paddingLeft: 16 }}>
      {breaches.value.map(breach => (
        <Typography component="li" variant="body2" key={breach}>
          {breach}
        </Typography>
      ))}
    </ul>
  );
}
