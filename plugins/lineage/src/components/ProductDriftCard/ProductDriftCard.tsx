import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import { List, ListItem, ListItemText, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import type { DataProductEntityV1alpha1 } from '@meshwork/plugin-data-products-common';
import useAsync from 'react-use/esm/useAsync';
import { lineageApiRef } from '../../api';
import { cardTitleAsHeading } from '@meshwork/plugin-data-products-react';

/** The read window drift is measured over, as the card words it. */
const withinWindow = (readWindowDays: number) =>
  `(within ${readWindowDays} ${
    readWindowDays === 1 ? 'day' : 'days'
  } of the pipeline's newest run)`;

/** The card of one product. */
const DriftOf = ({ entityRef }: { entityRef: string }) => {
  const lineageApi = useApi(lineageApiRef);
  const lineage = useAsync(
    () => lineageApi.productLineage(entityRef),
    [lineageApi, entityRef],
  );
  const drift = lineage.value?.drift;
  return (
    <InfoCard
      title="Dependency drift"
      titleTypographyProps={cardTitleAsHeading}
    >
      {lineage.loading && <Progress />}
      {lineage.error && <ResponseErrorPanel error={lineage.error} />}
      {drift && !drift.observed && (
        <Typography>
          No job has been seen writing this product's output ports yet, so what
          it reads cannot be compared with its input ports.
        </Typography>
      )}
      {drift?.observed &&
        drift.undeclaredInputs.length === 0 &&
        drift.unseenInputs.length === 0 && (
          <Typography>
            Runtime lineage matches the declared input ports.
          </Typography>
        )}
      {!!drift?.undeclaredInputs.length && (
        <>
          <Alert severity="warning">
            Read at run time but not declared as input ports{' '}
            {withinWindow(drift.readWindowDays)}
          </Alert>
          <List aria-label="Undeclared dependencies">
            {drift.undeclaredInputs.map(input => (
              <ListItem
                // Two products may declare one dataset (one replacing the
                // other): each is listed.
                key={`${input.product ?? ''} ${input.dataset.namespace}/${
                  input.dataset.name
                }`}
              >
                <ListItemText
                  primary={
                    input.product ? (
                      <EntityRefLink entityRef={input.product} />
                    ) : (
                      input.dataset.name
                    )
                  }
                  secondary={`${input.dataset.namespace}/${input.dataset.name}`}
                />
              </ListItem>
            ))}
          </List>
        </>
      )}
      {!!drift?.unseenInputs.length && (
        <>
          <Alert severity="info">
            Declared input ports not seen read at run time{' '}
            {withinWindow(drift.readWindowDays)}
          </Alert>
          <List aria-label="Unread input ports">
            {drift.unseenInputs.map(input => (
              <ListItem key={input.port}>
                <ListItemText
                  primary={input.port}
                  secondary={
                    input.from ??
                    (input.dataset
                      ? `${input.dataset.namespace}/${input.dataset.name}`
                      : undefined)
                  }
                />
              </ListItem>
            ))}
          </List>
        </>
      )}
    </InfoCard>
  );
};

/**
 * Where runtime lineage and the declared input ports disagree: products read
 * without an input port, and input ports not read, over the pipeline's
 * last days of runs (the backend's read window).
 */
export const ProductDriftCard = () => {
  const { entity } = useEntity<DataProductEntityV1alpha1>();
  const entityRef = stringifyEntityRef(entity);
  // Backstage keeps the page mounted when a link opens another product:
  // mounted afresh for each, the card shows nothing of the last one's while
  // the next one's loads.
  return <DriftOf key={entityRef} entityRef={entityRef} />;
};
