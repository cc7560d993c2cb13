import { Entity } from '@backstage/catalog-model';
import { deprecationOf } from '@meshwork/plugin-data-products-common';
import { Alert } from '@material-ui/lab';
import { EntityTitleLinks } from '../EntityTitleLinks';
import { consumersOf } from '../DataProductPortsCard/consumersOf';
import { describeSunset } from '../DataProductPortsCard/describeSunset';

/**
 * Says a deprecated product is so, who still consumes it (the readers to move
 * off it before it is removed), and what it says replaces it, until when it
 * is served and why. Its reason is shown as text, never as HTML.
 */
export const DeprecationWarning = (props: { entity: Entity }) => {
  const consumers = consumersOf(props.entity);
  const { successorRef, sunset, reason } = deprecationOf(props.entity) ?? {};
  return (
    <Alert severity="warning">
      {consumers.length ? (
        <>
          Deprecated: {consumers.length}{' '}
          {consumers.length === 1
            ? 'consumer still reads'
            : 'consumers still read'}{' '}
          it (<EntityTitleLinks entityRefs={consumers} />) and must move off it
          before it is removed.
        </>
      ) : (
        'Deprecated: no consumer reads it any more.'
      )}
      {successorRef && (
        <>
          {' '}
          Use <EntityTitleLinks entityRefs={[successorRef]} /> instead.
        </>
      )}
      {sunset && ` Served until ${describeSunset(sunset)}.`}
      {reason && ` Reason: ${reason}`}
    </Alert>
  );
};
