import { Entity } from '@backstage/catalog-model';
import { Alert } from '@material-ui/lab';
import { EntityTitleLinks } from '../EntityTitleLinks';
import { consumersOf } from '../DataProductPortsCard/consumersOf';

/**
 * Says a deprecated product is so, and who still consumes it: those are the
 * readers to move off it before it is removed.
 */
export const DeprecationWarning = (props: { entity: Entity }) => {
  const consumers = consumersOf(props.entity);
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
    </Alert>
  );
};
