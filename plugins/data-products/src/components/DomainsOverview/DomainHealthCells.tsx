import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import { TableCell, Typography } from '@material-ui/core';
import { ProductStatuses } from '../../api';
import { rootRouteRef } from '../../routes';
import { BreachingChip } from '../BreachingChip';
import {
  explorerFilterValue,
  readExplorerState,
  writeExplorerState,
} from '../DataProductExplorer/explorerQuery';
import { domainHealth } from './domainHealth';

const loadingNote = (
  <Typography variant="body2" color="textSecondary">
    Loading…
  </Typography>
);

/**
 * A domain's SLO and governance health as two table cells: loading until
 * `statuses` are read, "unavailable" for a backend that did not answer.
 */
export function DomainHealthCells(props: {
  domainRef: string;
  productRefs: string[];
  statuses?: ProductStatuses;
}) {
  const { domainRef, productRefs, statuses } = props;
  const dataProductsPage = useRouteRef(rootRouteRef);
  if (!statuses) {
    return (
      <>
        <TableCell>{loadingNote}</TableCell>
        <TableCell>{loadingNote}</TableCell>
      </>
    );
  }
  const { slo, governance } = domainHealth(productRefs, statuses);

  let sloCell;
  if (!statuses.sloAvailable) {
    sloCell = 'unavailable';
  } else if (slo.breaching) {
    const chip = <BreachingChip label={`${slo.breaching} breaching`} />;
    // The explorer filtered to the domain's breaching products.
    const explorerQuery = writeExplorerState({
      ...readExplorerState(new URLSearchParams()),
      filters: { domain: explorerFilterValue('domain', domainRef) },
      status: { slo: 'breaching' },
    });
    sloCell = dataProductsPage ? (
      <Link to={`${dataProductsPage()}/explorer?${explorerQuery}`}>{chip}</Link>
    ) : (
      chip
    );
  } else if (slo.measured) {
    sloCell = 'All met';
  } else {
    sloCell = 'Not measured';
  }

  let governanceCell;
  if (!statuses.scorecardsAvailable) {
    governanceCell = 'unavailable';
  } else if (governance.averageScore === undefined) {
    governanceCell = 'Not evaluated';
  } else {
    governanceCell = (
      <>
        <Typography variant="body2">
          Average {governance.averageScore}
        </Typography>
        <Typography variant="body2" color="textSecondary">
          {Object.entries(governance.levels)
            .map(([level, count]) => `${level} ${count}`)
            .join(' · ')}
        </Typography>
      </>
    );
  }
  return (
    <>
      <TableCell>{sloCell}</TableCell>
      <TableCell>{governanceCell}</TableCell>
    </>
  );
}
