import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef, EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  Box,
  Chip,
  InputAdornment,
  MenuItem,
  Paper,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TablePagination,
  TableRow,
  TableSortLabel,
  TextField,
} from '@material-ui/core';
import SearchIcon from '@material-ui/icons/Search';
import { DataProductEntityV1alpha1 } from '@meshwork/plugin-data-products-common';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { domainRefOf, ownerRefOf } from '../../productRefs';
import useAsync from 'react-use/esm/useAsync';
import useDebounce from 'react-use/esm/useDebounce';
import {
  EXPLORER_FILTERS,
  ExplorerFilter,
  ExplorerSort,
  ExplorerState,
  explorerQuery,
  PAGE_SIZES,
  readExplorerState,
  writeExplorerState,
} from './explorerQuery';

const FILTER_LABELS: Record<ExplorerFilter, string> = {
  domain: 'Domain',
  owner: 'Owner',
  type: 'Type',
  tier: 'Tier',
  lifecycle: 'Lifecycle',
  tag: 'Tag',
};

const COLUMNS: Array<{ label: string; sort?: ExplorerSort }> = [
  { label: 'Name', sort: 'name' },
  { label: 'Domain', sort: 'domain' },
  { label: 'Owner', sort: 'owner' },
  { label: 'Type', sort: 'type' },
  { label: 'Tier', sort: 'tier' },
  { label: 'Lifecycle', sort: 'lifecycle' },
  { label: 'Output ports' },
  { label: 'Tags' },
];

/**
 * Every data product in one table, filtered, searched (including contract
 * column names), sorted and paged by the catalog itself so it stays fast at
 * thousands of products. The URL holds the state, so views can be shared.
 */
export const DataProductExplorer = () => {
  const catalogApi = useApi(catalogApiRef);
  const [searchParams, setSearchParams] = useSearchParams();
  const state = readExplorerState(searchParams);
  const update = (change: Partial<ExplorerState>) =>
    setSearchParams(writeExplorerState({ ...state, page: 0, ...change }), {
      replace: true,
    });

  const [term, setTerm] = useState(state.q);
  useEffect(() => setTerm(state.q), [state.q]);
  useDebounce(
    () => {
      if (term !== state.q) update({ q: term });
    },
    200,
    [term],
  );

  const facets = useAsync(
    () =>
      catalogApi.getEntityFacets({
        filter: { kind: 'DataProduct' },
        facets: Object.values(EXPLORER_FILTERS),
      }),
    [catalogApi],
  );
  const query = searchParams.toString();
  const page = useAsync(
    () =>
      catalogApi.queryEntities(
        explorerQuery(readExplorerState(new URLSearchParams(query))),
      ),
    [catalogApi, query],
  );

  return (
    <Box display="flex" flexDirection="column" style={{ gap: 16 }}>
      <Box display="flex" flexWrap="wrap" style={{ gap: 12 }}>
        <TextField
          label="Search"
          placeholder="Product, table or column name"
          variant="outlined"
          size="small"
          value={term}
          onChange={event => setTerm(event.target.value)}
          InputProps={{
            startAdornment: (
              <InputAdornment position="start">
                <SearchIcon />
              </InputAdornment>
            ),
          }}
          inputProps={{ 'aria-label': 'Search data products' }}
          style={{ minWidth: 320 }}
        />
        {(Object.keys(EXPLORER_FILTERS) as ExplorerFilter[]).map(key => (
          <TextField
            key={key}
            select
            label={FILTER_LABELS[key]}
            variant="outlined"
            size="small"
            value={state.filters[key] ?? ''}
            onChange={event =>
              update({
                filters: { ...state.filters, [key]: event.target.value },
              })
            }
            style={{ minWidth: 150 }}
            SelectProps={{ 'aria-label': `Filter by ${FILTER_LABELS[key]}` }}
          >
            <MenuItem value="">All</MenuItem>
            {facetValues(
              facets.value?.facets[EXPLORER_FILTERS[key]],
              state.filters[key],
            ).map(value => (
              <MenuItem key={value} value={value}>
                {value}
              </MenuItem>
            ))}
          </TextField>
        ))}
      </Box>
      {facets.error && <ResponseErrorPanel error={facets.error} />}
      <ExplorerTable
        loading={page.loading}
        error={page.error}
        items={page.value?.items as DataProductEntityV1alpha1[] | undefined}
        total={page.value?.totalItems ?? 0}
        state={state}
        onChange={update}
      />
    </Box>
  );
};

function facetValues(
  facet: Array<{ value: string; count: number }> | undefined,
  selected: string | undefined,
): string[] {
  const values = (facet ?? []).map(f => f.value).sort();
  return selected && !values.includes(selected)
    ? [selected, ...values]
    : values;
}

function ExplorerTable(props: {
  loading: boolean;
  error?: Error;
  items?: DataProductEntityV1alpha1[];
  total: number;
  state: ExplorerState;
  onChange: (change: Partial<ExplorerState>) => void;
}) {
  const { loading, error, items, total, state, onChange } = props;
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  if (!items) {
    return <Progress />;
  }
  const filtered =
    Boolean(state.q) || Object.values(state.filters).some(Boolean);
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
      <TableContainer>
        <Table size="small" aria-label="Data products">
          <TableHead>
            <TableRow>
              {COLUMNS.map(column => (
                <TableCell key={column.label}>
                  {column.sort ? (
                    <TableSortLabel
                      active={state.sort === column.sort}
                      direction={
                        state.sort === column.sort ? state.order : 'asc'
                      }
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
            {items.map(product => (
              <TableRow key={stringifyEntityRef(product)}>
                <TableCell>
                  <EntityRefLink
                    entityRef={product}
                    title={product.metadata.title ?? product.metadata.name}
                  />
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
                <TableCell>{product.spec.outputPorts?.length ?? 0}</TableCell>
                <TableCell>
                  {(product.metadata.tags ?? []).map(tag => (
                    <Chip key={tag} label={tag} size="small" />
                  ))}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
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
}
