import { InfoCard } from '@backstage/core-components';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import {
  Box,
  List,
  ListItem,
  ListItemText,
  Typography,
} from '@material-ui/core';
import { RELATION_DEPENDENCY_OF } from '@backstage/catalog-model';
import {
  DataProductEntityV1alpha1,
  declaredJobsOf,
  parseInputPortRef,
} from '@meshwork/plugin-data-products-common';
import { EntityTitleLinks } from '../EntityTitleLinks';

/**
 * Where a product's data comes from (input ports, and the jobs it declares
 * running, whose reads lineage counts as its own) and who consumes it.
 */
export const DataProductPortsCard = () => {
  const { entity } = useEntity<DataProductEntityV1alpha1>();
  const consumers = (entity.relations ?? [])
    .filter(relation => relation.type === RELATION_DEPENDENCY_OF)
    .map(relation => relation.targetRef);
  const inputs = entity.spec.inputPorts ?? [];
  const jobs = declaredJobsOf(entity);
  return (
    <InfoCard title="Inputs and consumers">
      <Typography variant="subtitle2">Input ports</Typography>
      {inputs.length ? (
        <List aria-label="Input ports">
          {inputs.map(port => {
            const target = port.from
              ? parseInputPortRef(port.from, entity.metadata.namespace)
              : undefined;
            return (
              <ListItem key={port.name}>
                <ListItemText
                  primary={port.name}
                  secondary={
                    target ? (
                      <>
                        from <EntityRefLink entityRef={target.productRef} />{' '}
                        port {target.port}
                      </>
                    ) : (
                      port.dataset &&
                      `external dataset ${port.dataset.namespace} ${port.dataset.name}`
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
          <Typography variant="subtitle2">Jobs it also runs</Typography>
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
        <Typography variant="subtitle2">Consumers</Typography>
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
