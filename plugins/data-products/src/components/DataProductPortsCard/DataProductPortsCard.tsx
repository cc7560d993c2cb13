import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  catalogApiRef,
  EntityRefLink,
  useEntity,
} from '@backstage/plugin-catalog-react';
import {
  Box,
  List,
  ListItem,
  ListItemText,
  Typography,
} from '@material-ui/core';
import {
  getCompoundEntityRef,
  parseEntityRef,
  RELATION_DEPENDS_ON,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  DataProductEntityV1alpha1,
  DatasetIdentity,
  declaredJobsOf,
  deprecationOf,
  normalizedEntityRef,
  parseInputPortRef,
  datasetSpellingKey,
  ResolvedDeprecation,
} from '@meshwork/plugin-data-products-common';
import useAsync from 'react-use/esm/useAsync';
import { EntityTitleLinks } from '../EntityTitleLinks';
import { consumersOf } from './consumersOf';
import { DeprecatedSourceChip } from './DeprecatedSourceChip';
import { cardTitleAsHeading } from '@meshwork/plugin-data-products-react';

type OutputPortOf = {
  productRef: string;
  port: string;
  /** What the product says replaces it, when it is deprecated. */
  deprecation?: ResolvedDeprecation;
};

/** What the card reads of an upstream product. */
const UPSTREAM_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'spec.lifecycle',
  'spec.outputPorts',
  'spec.deprecation',
];

/**
 * The products this one depends on, read in one request: whether each is
 * deprecated and what it says replaces it, and the output ports a dataset
 * input port reads, found among them: the catalog relates a dataset port to
 * the products whose output port that dataset is, comparing namespaces as
 * search reads them (`postgres://db` is `postgres://db:5432`) and names as
 * written, as this does.
 */
function useUpstreamProducts(entity: DataProductEntityV1alpha1) {
  const catalogApi = useApi(catalogApiRef);
  const upstreams = (entity.relations ?? [])
    .filter(relation => relation.type === RELATION_DEPENDS_ON)
    .map(relation => relation.targetRef);
  const { value } = useAsync(async () => {
    if (upstreams.length === 0) return [];
    const { items } = await catalogApi.getEntitiesByRefs({
      entityRefs: upstreams,
      fields: UPSTREAM_FIELDS,
    });
    return items.filter(
      (item): item is DataProductEntityV1alpha1 => item !== undefined,
    );
  }, [catalogApi, upstreams.join('\n')]);
  const products = value ?? [];
  // A deprecated product naming no successor nor sunset is still deprecated.
  const deprecationOfProduct = (product: DataProductEntityV1alpha1) =>
    product.spec.lifecycle === 'deprecated'
      ? deprecationOf(product) ?? {}
      : undefined;
  // Entity refs are case-insensitive: `DataProduct:default/Orders` is orders.
  const deprecations = new Map(
    products.map(product => [
      normalizedEntityRef(getCompoundEntityRef(product)),
      deprecationOfProduct(product),
    ]),
  );
  const deprecationOfSource = (productRef: string) =>
    deprecations.get(normalizedEntityRef(parseEntityRef(productRef)));
  const outputPortsOf = (dataset: DatasetIdentity): OutputPortOf[] => {
    const key = datasetSpellingKey(dataset);
    return products.flatMap(product =>
      (product.spec.outputPorts ?? [])
        .filter(
          port =>
            port.dataset !== undefined &&
            datasetSpellingKey(port.dataset) === key,
        )
        .map(port => ({
          productRef: stringifyEntityRef(product),
          port: port.name,
          deprecation: deprecationOfProduct(product),
        })),
    );
  };
  return { deprecationOfSource, outputPortsOf };
}

/** A dataset input port's dataset, and the products' ports it is, if any. */
const DatasetSource = ({
  dataset,
  ports,
}: {
  dataset: DatasetIdentity;
  ports: OutputPortOf[];
}) =>
  ports.length ? (
    <>
      dataset {dataset.namespace} {dataset.name}:{' '}
      {ports.map(({ productRef, port, deprecation }, index) => (
        <span key={`${productRef}#${port}`}>
          {index > 0 && ', '}
          port {port} of <EntityRefLink entityRef={productRef} />
          {deprecation && <DeprecatedSourceChip deprecation={deprecation} />}
        </span>
      ))}
    </>
  ) : (
    <>
      external dataset {dataset.namespace} {dataset.name}
    </>
  );

/**
 * Where a product's data comes from (input ports, and the jobs it declares
 * running, whose reads lineage counts as its own) and who consumes it.
 */
export const DataProductPortsCard = () => {
  const { entity } = useEntity<DataProductEntityV1alpha1>();
  const consumers = consumersOf(entity);
  const inputs = entity.spec.inputPorts ?? [];
  const jobs = declaredJobsOf(entity);
  const { deprecationOfSource, outputPortsOf } = useUpstreamProducts(entity);
  return (
    <InfoCard
      title="Inputs and consumers"
      titleTypographyProps={cardTitleAsHeading}
    >
      <Typography variant="subtitle2" component="h3">
        Input ports
      </Typography>
      {inputs.length ? (
        <List aria-label="Input ports">
          {inputs.map(port => {
            const target = port.from
              ? parseInputPortRef(port.from, entity.metadata.namespace)
              : undefined;
            const deprecation =
              target && deprecationOfSource(target.productRef);
            return (
              <ListItem key={port.name}>
                <ListItemText
                  primary={port.name}
                  secondary={
                    target ? (
                      <>
                        from <EntityRefLink entityRef={target.productRef} />{' '}
                        port {target.port}
                        {deprecation && (
                          <DeprecatedSourceChip deprecation={deprecation} />
                        )}
                      </>
                    ) : (
                      port.dataset && (
                        <DatasetSource
                          dataset={port.dataset}
                          ports={outputPortsOf(port.dataset)}
                        />
                      )
                    )
                  }
                />
              </ListItem>
            );
          })}
        </List>
      ) : (
        <Typography color="textSecondary">
          No input ports: this product reads no other product.
        </Typography>
      )}
      {jobs.length > 0 && (
        <Box mt={2}>
          <Typography variant="subtitle2" component="h3">
            Jobs it also runs
          </Typography>
          <Typography variant="body2" color="textSecondary">
            Besides those writing its output ports: what they read counts among
            its inputs.
          </Typography>
          <List aria-label="Jobs it also runs">
            {jobs.map(job => (
              <ListItem key={`${job.namespace}:${job.name}`}>
                <ListItemText
                  primary={job.name}
                  secondary={`namespace ${job.namespace}`}
                />
              </ListItem>
            ))}
          </List>
        </Box>
      )}
      <Box mt={2}>
        <Typography variant="subtitle2" component="h3">
          Consumers
        </Typography>
        {consumers.length ? (
          <EntityTitleLinks entityRefs={consumers} />
        ) : (
          <Typography color="textSecondary">
            No data product consumes this one yet.
          </Typography>
        )}
      </Box>
    </InfoCard>
  );
};
