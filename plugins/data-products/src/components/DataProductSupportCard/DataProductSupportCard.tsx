import { stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard, Link, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef, useEntity } from '@backstage/plugin-catalog-react';
import { Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import {
  DataProductEntityV1alpha1,
  resolveOnCall,
  runbookOf,
  ownerRefOf,
} from '@meshwork/plugin-data-products-common';
import { channelHref } from './channelHref';
import useAsync from 'react-use/esm/useAsync';

/**
 * Where to go when the product breaks: runbook, on-call (the product's own,
 * else its team's) and channels. Missing support is said out loud.
 */
export const DataProductSupportCard = () => {
  const { entity } = useEntity<DataProductEntityV1alpha1>();
  const catalogApi = useApi(catalogApiRef);
  // By the whole ref: one owner name means another team in another namespace.
  const ownerRef = stringifyEntityRef(ownerRefOf(entity));
  const owner = useAsync(
    () => catalogApi.getEntityByRef(ownerRef),
    [catalogApi, ownerRef],
  );
  const support = entity.spec.support;
  const runbook = runbookOf(entity);
  const onCall = resolveOnCall(entity, owner.value);
  return (
    <InfoCard title="Support">
      {owner.loading && <Progress />}
      {runbook ? (
        <Typography>
          Runbook: <Link to={runbook}>{runbook}</Link>
        </Typography>
      ) : (
        <Alert severity="warning">
          No runbook: on-call has nothing to follow when this product breaks.
        </Alert>
      )}
      {onCall ? (
        <Typography>
          On-call: <strong>{onCall.contact}</strong>
          {onCall.provider && ` via ${onCall.provider}`}
          {onCall.id && ` (${onCall.id})`}
          {onCall.source === 'team' && ' (from the owning team)'}
        </Typography>
      ) : (
        !owner.loading &&
        (owner.error ? (
          <Alert severity="warning">
            On-call unknown: the product names none, and its owning team{' '}
            {ownerRef} could not be read ({owner.error.message}).
          </Alert>
        ) : (
          <Alert severity="error">
            No on-call: neither the product nor its owning team says who to
            page.
          </Alert>
        ))
      )}
      {(support?.channels ?? []).map(channel => {
        const href = channelHref(channel);
        return (
          <Typography key={`${channel.type}:${channel.url}`}>
            {channel.type}:{' '}
            {href ? <Link to={href}>{channel.url}</Link> : channel.url}
          </Typography>
        );
      })}
    </InfoCard>
  );
};
