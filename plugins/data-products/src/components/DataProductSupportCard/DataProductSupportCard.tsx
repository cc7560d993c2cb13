import { stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard, Link, Progress } from '@backstage/core-components';
import { toError } from '@backstage/errors';
import { useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef, useEntity } from '@backstage/plugin-catalog-react';
import { Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import {
  DataProductEntityV1alpha1,
  resolveOnCall,
  resolveRunbook,
  ownerRefOf,
} from '@meshwork/plugin-data-products-common';
import { channelHref } from '../channelHref';
import { OnCallContact } from '../OnCallContact';
import { channelText } from './channelText';
import useAsync from 'react-use/esm/useAsync';
import { cardTitleAsHeading } from '@meshwork/plugin-data-products-react';

/** Long URLs, one unbroken word, would run past a narrow card's edge. */
const URL_WRAP = { overflowWrap: 'anywhere' } as const;

/**
 * Where to go when the product breaks: runbook and on-call (each the
 * product's own, else its team's) and channels. Missing support is said out
 * loud.
 */
export const DataProductSupportCard = () => {
  const { entity } = useEntity<DataProductEntityV1alpha1>();
  const catalogApi = useApi(catalogApiRef);
  // By the whole ref: one owner name means another team in another namespace.
  const ownerRef = stringifyEntityRef(ownerRefOf(entity));
  // The read names the team it is of: a link to another product keeps this
  // card mounted, and until that product's team is read the last team's
  // on-call, or its error, must not show as this product's.
  const read = useAsync(async () => {
    try {
      return { ref: ownerRef, team: await catalogApi.getEntityByRef(ownerRef) };
    } catch (error) {
      return { ref: ownerRef, error: toError(error) };
    }
  }, [catalogApi, ownerRef]);
  const owner = read.value?.ref === ownerRef ? read.value : undefined;
  const channels = entity.spec.support?.channels ?? [];
  const runbook = resolveRunbook(entity, owner?.team);
  const onCall = resolveOnCall(entity, owner?.team);
  return (
    <InfoCard title="Support" titleTypographyProps={cardTitleAsHeading}>
      {!owner && <Progress />}
      {runbook ? (
        <Typography style={URL_WRAP}>
          Runbook: <Link to={runbook.url}>{runbook.url}</Link>
          {runbook.source === 'team' && ' (from the owning team)'}
        </Typography>
      ) : (
        owner &&
        (owner.error ? (
          <Alert severity="warning">
            Runbook unknown: the product has none, and its owning team{' '}
            {ownerRef} could not be read ({owner.error.message}).
          </Alert>
        ) : (
          <Alert severity="warning">
            No runbook: neither the product nor its owning team links one, so
            on-call has nothing to follow when this product breaks.
          </Alert>
        ))
      )}
      {onCall ? (
        <Typography>
          On-call:{' '}
          <strong>
            <OnCallContact contact={onCall.contact} channels={channels} />
          </strong>
          {onCall.provider && ` via ${onCall.provider}`}
          {onCall.id && ` (${onCall.id})`}
          {onCall.source === 'team' && ' (from the owning team)'}
        </Typography>
      ) : (
        owner &&
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
      {channels.length === 0 && (
        <Alert severity="warning">
          No support channels declared: users of this product have nowhere to
          ask about it.
        </Alert>
      )}
      {channels.map(channel => {
        const href = channelHref(channel);
        return (
          <Typography key={`${channel.type}:${channel.url}`} style={URL_WRAP}>
            {channel.type}:{' '}
            {href ? (
              <Link to={href}>{channelText(channel.url)}</Link>
            ) : (
              channel.url
            )}
          </Typography>
        );
      })}
    </InfoCard>
  );
};
