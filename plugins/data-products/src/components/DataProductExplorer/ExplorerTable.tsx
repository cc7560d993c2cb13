import {
  domainRefOf,
  listedPortCount,
  ownerRefOf,
} from '@meshwork/plugin-data-products-common';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  Chip,
  Paper,
  TableBody,
  TableCell,
  TableHead,
  TablePagination,
  TableRow,
  TableSortLabel,
  Theme,
  Typography,
  useMediaQuery,
  withStyles,
} from '@material-ui/core';
import { WholeWordTable } from '@meshwork/plugin-data-products-react';
import type { DataProductListing } from '@meshwork/plugin-data-products-common';
import { memo } from 'react';
import { ProductStatuses } from '../../api';
import { ProductStatusCells } from './ProductStatusCells';
import { ExplorerSort, ExplorerState, PAGE_SIZES } from './explorerQuery';

const COLUMNS: Array<{ label: string; sort?: ExplorerSort }> = [
  { label: 'Name', sort: 'name' },
  { label: 'Domain', sort: 'domain' },
  { label: 'Owner', sort: 'owner' },
  { label: 'Type', sort: 'type' },
  { label: 'Tier', sort: 'tier' },
  { label: 'Lifecycle', sort: 'lifecycle' },
  { label: 'Output ports' },
  { label: 'Tags' },
  { label: 'SLOs' },
  { label: 'Governance' },
];

/**
 * Columns that, on a screen narrower than a laptop's, stack under the
 * product's name: ten columns beside the sidebar would run past the edge.
 */
const STACKED = ['Output ports', 'Tags'];

/**
 * Ten columns fit beside the sidebar on a laptop only with less space
 * between them than Backstage's tables leave.
 */
const ExplorerGrid = withStyles({
  root: { '& th, & td': { paddingLeft: 8, paddingRight: 8 } },
})(WholeWordTable);

/** One page of products; memoized so typing in the search box does not re-render it. */
export const ExplorerTable = memo(function ExplorerPage(props: {
  loading: boolean;
  error?: Error;
  items?: DataProductListing[];
  total: number;
  statuses?: ProductStatuses;
  state: ExplorerState;
  onChange: (change: Partial<ExplorerState>) => void;
}) {
  const { loading, error, items, total, statuses, state, onChange } = props;
  const narrow = useMediaQuery((theme: Theme) => theme.breakpoints.down('md'));
  const columns = narrow
    ? COLUMNS.filter(column => !STACKED.includes(column.label))
    : COLUMNS;
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  if (!items) {
    return <Progress />;
  }
  const filtered =
    Boolean(state.q) ||
    Object.values(state.filters).some(Boolean) ||
    Object.values(state.status).some(Boolean);
  if (items.length === 0 && !loading) {
    return (
      <EmptyState
        missing="data"
        title={filtered ? 'No data products match' : 'No data products yet'}
        description={
          filtered
            ? 'Try fewer filters or another search term.'
            : 'Register one with a catalog-info.yaml of kind DataProduct.'
        }
      />
    );
  }
  return (
    <Paper>
      {loading && <Progress />}
      <ExplorerGrid size="small" aria-label="Data products">
        <TableHead>
          <TableRow>
            {columns.map(column => (
              <TableCell
                key={column.label}
                // aria-sort, for screen readers: the arrow icon is hidden.
                sortDirection={
                  column.sort && state.sort === column.sort
                    ? state.order
                    : false
                }
              >
                {column.sort ? (
                  <TableSortLabel
                    active={state.sort === column.sort}
                    direction={state.sort === column.sort ? state.order : 'asc'}
                    onClick={() =>
                      onChange({
                        sort: column.sort,
                        order:
                          state.sort === column.sort && state.order === 'asc'
                            ? 'desc'
                            : 'asc',
                      })
                    }
                  >
                    {column.label}
                  </TableSortLabel>
                ) : (
                  column.label
                )}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {items.map(product => {
            const ports = listedPortCount(product);
            const tags = (product.metadata.tags ?? []).map(tag => (
              <Chip key={tag} label={tag} size="small" />
            ));
            return (
              <TableRow key={stringifyEntityRef(product)}>
                <TableCell>
                  <EntityRefLink
                    entityRef={product}
                    title={product.metadata.title ?? product.metadata.name}
                  />
                  {narrow && (
                    <>
                      <Typography variant="body2" color="textSecondary">
                        {`${ports} output port${ports === '1' ? '' : 's'}`}
                      </Typography>
                      {tags}
                    </>
                  )}
                </TableCell>
                <TableCell>
                  <EntityRefLink entityRef={domainRefOf(product)} />
                </TableCell>
                <TableCell>
                  <EntityRefLink entityRef={ownerRefOf(product)} />
                </TableCell>
                <TableCell>{product.spec.type}</TableCell>
                <TableCell>{product.spec.tier}</TableCell>
                <TableCell>{product.spec.lifecycle}</TableCell>
                {!narrow && (
                  <>
                    <TableCell>{ports}</TableCell>
                    <TableCell>{tags}</TableCell>
                  </>
                )}
                <ProductStatusCells
                  status={statuses?.byRef.get(stringifyEntityRef(product))}
                  statuses={statuses}
                />
              </TableRow>
            );
          })}
        </TableBody>
      </ExplorerGrid>
      <TablePagination
        component="div"
        count={total}
        page={Math.min(
          state.page,
          Math.max(0, Math.ceil(total / state.pageSize) - 1),
        )}
        rowsPerPage={state.pageSize}
        rowsPerPageOptions={PAGE_SIZES}
        onPageChange={(_event, page) => onChange({ page })}
        onRowsPerPageChange={event =>
          onChange({ pageSize: Number(event.target.value) })
        }
      />
    </Paper>
  );
});
