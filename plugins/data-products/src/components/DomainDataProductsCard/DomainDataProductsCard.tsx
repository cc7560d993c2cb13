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
  Box,
  Chip,
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
  summarizeDataProducts,
  teamOnCall,
} from '@meshwork/plugin-data-products-common';
import useAsync from 'react-use/esm/useAsync';
import { EntityTitleLinks } from '../EntityTitleLinks';

const DomainProducts = ({ domainRef }: { domainRef: string }) => {
  const catalogApi = useApi(catalogApiRef);
  const { value, loading, error } = useAsync(async () => {
    const { items } = await catalogApi.getEntities({
      filter: { kind: 'DataProduct', 'relations.partOf': domainRef },
      fields: [
        'apiVersion',
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.title',
        'spec.owner',
        'spec.tier',
        'spec.lifecycle',
      ],
    });
    const summary = summarizeDataProducts(items as DataProductEntityV1alpha1[]);
    const { items: teams } = await catalogApi.getEntitiesByRefs({
      entityRefs: summary.byOwner.map(({ owner }) => owner),
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.annotations',
      ],
    });
    return { summary, teams };
  }, [catalogApi, domainRef]);

  return (
    <>
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {value && value.summary.total === 0 && (
        <Typography color="textSecondary">
          This domain has no data products yet.
        </Typography>
      )}
      {value && value.summary.total > 0 && (
        <>
          <Box display="flex" flexWrap="wrap" style={{ gap: 4 }} mb={2}>
            <Chip
              label={`${value.summary.total} ${
                value.summary.total === 1 ? 'product' : 'products'
              }`}
              color="primary"
              size="small"
            />
            {Object.entries({
              ...value.summary.byTier,
              ...value.summary.byLifecycle,
            }).map(([label, count]) => (
              <Chip key={label} label={`${label}: ${count}`} size="small" />
            ))}
          </Box>
          <WholeWordTable size="small" aria-label="Data products by team">
            <TableHead>
              <TableRow>
                <TableCell>Team</TableCell>
                <TableCell>On-call</TableCell>
                <TableCell>Products</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {value.summary.byOwner.map(({ owner, products }, index) => {
                const onCall = teamOnCall(value.teams[index]);
                return (
                  <TableRow key={owner}>
                    <TableCell>
                      <EntityRefLink entityRef={owner} />
                    </TableCell>
                    <TableCell>
                      {onCall
                        ? `${onCall.contact}${
                            onCall.provider ? ` (${onCall.provider})` : ''
                          }`
                        : 'none'}
                    </TableCell>
                    <TableCell>
                      <EntityTitleLinks entityRefs={products} />
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </WholeWordTable>
        </>
      )}
    </>
  );
};

/**
 * A domain's data products grouped by owning team, with counts by tier and
 * lifecycle and each team's on-call contact.
 */
export const DomainDataProductsCard = () => {
  const { entity } = useEntity();
  const domainRef = stringifyEntityRef(entity);
  // Backstage keeps the page mounted when a link opens another domain:
  // mounted afresh for each, the card never shows the last one's teams.
  return (
    <InfoCard
      title="Data products by team"
      titleTypographyProps={cardTitleAsHeading}
    >
      <DomainProducts key={domainRef} domainRef={domainRef} />
    </InfoCard>
  );
};
