import {
  Entity,
  RELATION_PART_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef, EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  Chip,
  Paper,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
} from '@material-ui/core';
import { WholeWordTable } from '@meshwork/plugin-data-products-react';
import {
  DataProductEntityV1alpha1,
  summarizeDataProducts,
} from '@meshwork/plugin-data-products-common';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useInterval from 'react-use/esm/useInterval';
import {
  dataProductsApiRef,
  STATUS_REFRESH_MS,
  STATUSES_UNAVAILABLE,
} from '../../api';
import { EntityTitleLinks } from '../EntityTitleLinks';
import { DomainHealthCells } from './DomainHealthCells';

const domainOf = (product: Entity) =>
  product.relations?.find(relation => relation.type === RELATION_PART_OF)
    ?.targetRef;

/**
 * Every domain with its teams, how many data products each holds, and how
 * they stand on SLOs and governance.
 */
export const DomainsOverview = () => {
  const catalogApi = useApi(catalogApiRef);
  const dataProductsApi = useApi(dataProductsApiRef);
  // Apart from the catalog, so the table never waits for two more backends,
  // and read again each minute as the explorer reads them.
  const statuses = useAsyncRetry(
    () => dataProductsApi.statuses().catch(() => STATUSES_UNAVAILABLE),
    [dataProductsApi],
  );
  useInterval(statuses.retry, STATUS_REFRESH_MS);
  const { value, loading, error } = useAsync(async () => {
    const [domains, products] = await Promise.all([
      catalogApi.getEntities({
        filter: { kind: 'Domain' },
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.title',
          'metadata.description',
        ],
        order: { field: 'metadata.name', order: 'asc' },
      }),
      catalogApi.getEntities({
        filter: { kind: 'DataProduct' },
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'spec.owner',
          'spec.tier',
          'spec.lifecycle',
          'relations',
        ],
      }),
    ]);
    const byDomain = new Map<string, DataProductEntityV1alpha1[]>();
    for (const product of products.items as DataProductEntityV1alpha1[]) {
      const domain = domainOf(product);
      if (domain)
        byDomain.set(domain, [...(byDomain.get(domain) ?? []), product]);
    }
    return domains.items.map(domain => {
      const held = byDomain.get(stringifyEntityRef(domain)) ?? [];
      return {
        domain,
        summary: summarizeDataProducts(held),
        productRefs: held.map(product => stringifyEntityRef(product)),
      };
    });
  }, [catalogApi]);

  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value?.length) {
    return (
      <EmptyState
        missing="data"
        title="No domains yet"
        description="Register Domain entities and point data products at them with spec.domain."
      />
    );
  }
  return (
    <Paper>
      <WholeWordTable size="small" aria-label="Domains">
        <TableHead>
          <TableRow>
            <TableCell>Domain</TableCell>
            <TableCell>Products</TableCell>
            <TableCell>By tier and lifecycle</TableCell>
            <TableCell>Teams (products)</TableCell>
            <TableCell>SLOs</TableCell>
            <TableCell>Governance</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {value.map(({ domain, summary, productRefs }) => (
            <TableRow key={stringifyEntityRef(domain)}>
              <TableCell>
                <EntityRefLink
                  entityRef={domain}
                  title={domain.metadata.title ?? domain.metadata.name}
                />
              </TableCell>
              <TableCell>{summary.total}</TableCell>
              <TableCell>
                {Object.entries({
                  ...summary.byTier,
                  ...summary.byLifecycle,
                }).map(([label, count]) => (
                  <Chip key={label} size="small" label={`${label}: ${count}`} />
                ))}
              </TableCell>
              <TableCell>
                {summary.byOwner.map(({ owner, products }) => (
                  <div key={owner}>
                    <EntityTitleLinks entityRefs={[owner]} /> ({products.length}
                    )
                  </div>
                ))}
              </TableCell>
              <DomainHealthCells
                domainRef={stringifyEntityRef(domain)}
                productRefs={productRefs}
                statuses={statuses.value}
              />
            </TableRow>
          ))}
        </TableBody>
      </WholeWordTable>
    </Paper>
  );
};
