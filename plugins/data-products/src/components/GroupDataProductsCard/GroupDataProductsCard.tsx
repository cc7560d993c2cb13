import type { CatalogApi } from '@backstage/catalog-client';
import {
  Entity,
  RELATION_PARENT_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  catalogApiRef,
  EntityRefLink,
  useEntity,
} from '@backstage/plugin-catalog-react';
import {
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import {
  cardTitleAsHeading,
  WholeWordTable,
} from '@meshwork/plugin-data-products-react';
import {
  DataProductEntityV1alpha1,
  domainRefOf,
  ownerRefOf,
} from '@meshwork/plugin-data-products-common';
import useAsync from 'react-use/esm/useAsync';

/** The refs of the groups under `group`, at any depth, as the org's tree says. */
async function subgroupRefs(
  catalogApi: CatalogApi,
  group: Entity,
): Promise<string[]> {
  const seen = new Set([stringifyEntityRef(group)]);
  let level = [group];
  while (level.length > 0) {
    const children = level
      .flatMap(g => g.relations ?? [])
      .filter(r => r.type === RELATION_PARENT_OF && !seen.has(r.targetRef))
      .map(r => r.targetRef);
    if (children.length === 0) break;
    children.forEach(ref => seen.add(ref));
    const { items } = await catalogApi.getEntitiesByRefs({
      entityRefs: [...new Set(children)],
      fields: ['kind', 'metadata.name', 'metadata.namespace', 'relations'],
    });
    level = items.filter((g): g is Entity => Boolean(g));
  }
  seen.delete(stringifyEntityRef(group));
  return [...seen];
}

const OwnedProducts = ({ group }: { group: Entity }) => {
  const catalogApi = useApi(catalogApiRef);
  const groupRef = stringifyEntityRef(group);
  const { value, loading, error } = useAsync(async () => {
    // As Backstage's ownership card does, a parent group owns what its
    // teams own: a department page would otherwise say it owns nothing.
    const subgroups = await subgroupRefs(catalogApi, group);
    const { items } = await catalogApi.getEntities({
      filter: {
        kind: 'DataProduct',
        'relations.ownedBy': [groupRef, ...subgroups],
      },
      fields: [
        'apiVersion',
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.title',
        'spec.owner',
        'spec.domain',
        'spec.tier',
        'spec.lifecycle',
        'spec.type',
      ],
      order: { field: 'metadata.name', order: 'asc' },
    });
    return {
      products: items as DataProductEntityV1alpha1[],
      hasTeams: subgroups.length > 0,
    };
  }, [catalogApi, groupRef]);
  const products = value?.products;
  return (
    <>
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {products?.length === 0 && (
        <Typography color="textSecondary">
          {value?.hasTeams
            ? 'Neither this group nor its teams own any data products.'
            : 'This team owns no data products.'}
        </Typography>
      )}
      {products && products.length > 0 && (
        <WholeWordTable size="small" aria-label="Data products owned">
          <TableHead>
            <TableRow>
              <TableCell>Product</TableCell>
              <TableCell>Domain</TableCell>
              {value?.hasTeams && <TableCell>Owner</TableCell>}
              <TableCell>Type</TableCell>
              <TableCell>Tier</TableCell>
              <TableCell>Lifecycle</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {products.map(product => (
              <TableRow key={stringifyEntityRef(product)}>
                <TableCell>
                  <EntityRefLink
                    entityRef={product}
                    title={product.metadata.title ?? product.metadata.name}
                  />
                </TableCell>
                <TableCell>
                  <EntityRefLink entityRef={domainRefOf(product)} />
                </TableCell>
                {value?.hasTeams && (
                  <TableCell>
                    <EntityRefLink entityRef={ownerRefOf(product)} />
                  </TableCell>
                )}
                <TableCell>{product.spec.type}</TableCell>
                <TableCell>{product.spec.tier}</TableCell>
                <TableCell>{product.spec.lifecycle}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </WholeWordTable>
      )}
    </>
  );
};

/** The data products a team owns, or a parent group and its teams own. */
export const GroupDataProductsCard = () => {
  const { entity } = useEntity();
  const groupRef = stringifyEntityRef(entity);
  // Backstage keeps the page mounted when a link opens another team:
  // mounted afresh for each, the card never shows the last one's products.
  return (
    <InfoCard
      title="Data products owned"
      titleTypographyProps={cardTitleAsHeading}
    >
      <OwnedProducts key={groupRef} group={entity} />
    </InfoCard>
  );
};
