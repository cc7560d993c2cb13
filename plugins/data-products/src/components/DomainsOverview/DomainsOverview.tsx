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
import {
  catalogApiRef,
  EntityRefLink,
  EntityRefLinks,
} from '@backstage/plugin-catalog-react';
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

const domainOf = (product: Entity) =>
  product.relations?.find(relation => relation.type === RELATION_PART_OF)
    ?.targetRef;

/** Every domain with its teams and how many data products each holds. */
export const DomainsOverview = () => {
  const catalogApi = useApi(catalogApiRef);
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
    return domains.items.map(domain => ({
      domain,
      summary: summarizeDataProducts(
        byDomain.get(stringifyEntityRef(domain)) ?? [],
      ),
    }));
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
          </TableRow>
        </TableHead>
        <TableBody>
          {value.map(({ domain, summary }) => (
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
                    <EntityRefLinks entityRefs={[owner]} /> ({products.length})
                  </div>
                ))}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </WholeWordTable>
    </Paper>
  );
};
