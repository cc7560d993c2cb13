import { stringifyEntityRef } from '@backstage/catalog-model';
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
import { WholeWordTable } from '@meshwork/plugin-data-products-react';
import {
  DataProductEntityV1alpha1,
  domainRefOf,
} from '@meshwork/plugin-data-products-common';
import useAsync from 'react-use/esm/useAsync';

const OwnedProducts = ({ groupRef }: { groupRef: string }) => {
  const catalogApi = useApi(catalogApiRef);
  const { value, loading, error } = useAsync(async () => {
    const { items } = await catalogApi.getEntities({
      filter: { kind: 'DataProduct', 'relations.ownedBy': groupRef },
      fields: [
        'apiVersion',
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.title',
        'spec.domain',
        'spec.tier',
        'spec.lifecycle',
        'spec.type',
      ],
      order: { field: 'metadata.name', order: 'asc' },
    });
    return items as DataProductEntityV1alpha1[];
  }, [catalogApi, groupRef]);
  return (
    <>
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {value?.length === 0 && (
        <Typography color="textSecondary">
          This team owns no data products.
        </Typography>
      )}
      {value && value.length > 0 && (
        <WholeWordTable size="small" aria-label="Data products owned">
          <TableHead>
            <TableRow>
              <TableCell>Product</TableCell>
              <TableCell>Domain</TableCell>
              <TableCell>Type</TableCell>
              <TableCell>Tier</TableCell>
              <TableCell>Lifecycle</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {value.map(product => (
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

/** The data products a team owns. */
export const GroupDataProductsCard = () => {
  const { entity } = useEntity();
  const groupRef = stringifyEntityRef(entity);
  // Backstage keeps the page mounted when a link opens another team:
  // mounted afresh for each, the card never shows the last one's products.
  return (
    <InfoCard title="Data products owned">
      <OwnedProducts key={groupRef} groupRef={groupRef} />
    </InfoCard>
  );
};
