import { useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef, EntityRefLink } from '@backstage/plugin-catalog-react';
import { Button, Typography } from '@material-ui/core';
import { makeStyles } from '@material-ui/core/styles';
import { formatOnCall } from '@meshwork/plugin-data-products-common';
import { useEffect, useRef, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { dataProductsApiRef } from '../../api';
import { BlastRadius, findBlastRadius } from './findBlastRadius';
import { useErrorTextStyles } from '@meshwork/plugin-data-products-react';

/** Products listed at first; the rest are read when asked for. */
const BLAST_RADIUS_SHOWN = 5;

const useStyles = makeStyles(theme => ({
  radius: { margin: 0, paddingLeft: theme.spacing(2) },
}));

/**
 * The products downstream that a break reaches, most critical first, each
 * with its owner, tier and on-call; the first few, then all on request.
 * What it read is of one product and port: key it by them.
 */
export const BlastRadiusList = (props: {
  entityRef: string;
  port?: string;
}) => {
  const { entityRef, port } = props;
  const classes = useStyles();
  const errorText = useErrorTextStyles();
  const catalogApi = useApi(catalogApiRef);
  const dataProductsApi = useApi(dataProductsApiRef);
  const [all, setAll] = useState(false);
  const radius = useAsyncRetry(
    () =>
      findBlastRadius(
        catalogApi,
        dataProductsApi,
        entityRef,
        port,
        all ? Infinity : BLAST_RADIUS_SHOWN,
      ),
    [catalogApi, dataProductsApi, entityRef, port, all],
  );
  // While the rest are read, or when they could not be, those read stay.
  const held = useRef<BlastRadius>();
  if (radius.value) held.current = radius.value;
  // The button that was pressed is gone: focus moves on to what it showed.
  const firstOfRest = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (all && radius.value) firstOfRest.current?.querySelector('a')?.focus();
  }, [all, radius.value]);
  if (!held.current) {
    if (radius.loading || !radius.error) {
      return <>Finding downstream products…</>;
    }
    // Lineage may be down only for a moment: say why, and offer to ask again.
    return (
      <>
        <Typography className={errorText.root} variant="body2">
          {`Blast radius unavailable: ${radius.error.message}`}
        </Typography>
        <Button size="small" color="primary" onClick={radius.retry}>
          Retry
        </Button>
      </>
    );
  }
  const { total, shown } = held.current;
  const from = port ? ` of port ${port}` : '';
  if (total === 0) {
    return <>No products downstream{from}</>;
  }
  const rest = total - shown.length;
  return (
    <>
      {`${total} ${total === 1 ? 'product' : 'products'} downstream${from}`}
      <ul className={classes.radius}>
        {shown.map((impacted, i) => (
          <li
            key={impacted.entityRef}
            ref={i === BLAST_RADIUS_SHOWN ? firstOfRest : undefined}
          >
            <EntityRefLink
              entityRef={impacted.entityRef}
              title={impacted.title}
            />
            {' · '}
            <EntityRefLink entityRef={impacted.owner} />
            {` · ${
              impacted.tier === undefined ? 'no tier' : `tier ${impacted.tier}`
            } · ${formatOnCall(impacted.onCall)}`}
          </li>
        ))}
      </ul>
      {rest > 0 && (
        <Button
          size="small"
          color="primary"
          disabled={radius.loading}
          onClick={all ? radius.retry : () => setAll(true)}
        >
          {radius.loading ? `Reading ${rest} more…` : `Show ${rest} more`}
        </Button>
      )}
      {rest > 0 && radius.error && !radius.loading && (
        <Typography className={errorText.root} variant="body2">
          {`Could not read the other products downstream: ${radius.error.message}`}
        </Typography>
      )}
    </>
  );
};
