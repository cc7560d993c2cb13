import { ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { Box } from '@material-ui/core';
import {
  startTransition,
  useCallback,
  useEffect,
  useRef,
  useState,
} from 'react';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { ExplorerSearchField } from './ExplorerSearchField';
import { FilterSelect } from './FilterSelect';
import { ExplorerTable } from './ExplorerTable';
import { loadExplorerPage } from './loadExplorerPage';
import { dataProductsApiRef } from '../../api';
import {
  EXPLORER_FILTERS,
  ExplorerFilter,
  ExplorerState,
  readExplorerState,
  STATUS_FILTERS,
  StatusFilter,
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

const STATUS_LABELS: Record<StatusFilter, string> = {
  slo: 'SLOs',
  level: 'Governance level',
};

const STATUS_VALUE_LABELS: Record<string, string> = {
  breaching: 'Breaching now',
  ok: 'All met',
  unknown: 'Not measured yet',
};

/**
 * Every data product in one table, filtered, searched (including contract
 * column names), sorted and paged on the server (the catalog, or the search
 * index for a search) so it stays fast at thousands of products. The URL holds the state, so views can be shared.
 */
export const DataProductExplorer = () => {
  const catalogApi = useApi(catalogApiRef);
  const dataProductsApi = useApi(dataProductsApiRef);
  const [searchParams, setSearchParams] = useSearchParams();
  const [state, setState] = useState(() => readExplorerState(searchParams));
  // The query follows the state at once; the URL (for sharing) follows at a
  // lower priority, so re-rendering the app for it never delays results.
  const latest = useRef({ state, setSearchParams });
  latest.current = { state, setSearchParams };
  const update = useCallback((change: Partial<ExplorerState>) => {
    const next = { ...latest.current.state, page: 0, ...change };
    setState(next);
    startTransition(() =>
      latest.current.setSearchParams(writeExplorerState(next), {
        replace: true,
      }),
    );
  }, []);
  const urlQuery = searchParams.toString();
  useEffect(() => {
    // Back, forward or an edited address.
    if (urlQuery !== writeExplorerState(state).toString()) {
      setState(readExplorerState(new URLSearchParams(urlQuery)));
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [urlQuery]);

  const onSearch = useCallback((q: string) => update({ q }), [update]);

  const facets = useAsync(
    () =>
      catalogApi.getEntityFacets({
        filter: { kind: 'DataProduct' },
        facets: Object.values(EXPLORER_FILTERS),
      }),
    [catalogApi],
  );
  // Loaded apart from the page, so the table never waits for them.
  const statuses = useAsync(
    () => dataProductsApi.statuses(),
    [dataProductsApi],
  );
  const query = writeExplorerState(state).toString();
  const page = useAsync(
    () =>
      loadExplorerPage(
        catalogApi,
        dataProductsApi,
        readExplorerState(new URLSearchParams(query)),
      ),
    [catalogApi, dataProductsApi, query],
  );

  return (
    <Box display="flex" flexDirection="column" style={{ gap: 16 }}>
      <Box display="flex" flexWrap="wrap" style={{ gap: 12 }}>
        <ExplorerSearchField value={state.q} onSearch={onSearch} />
        {(Object.keys(EXPLORER_FILTERS) as ExplorerFilter[]).map(key => (
          <FilterSelect
            key={key}
            label={FILTER_LABELS[key]}
            value={state.filters[key] ?? ''}
            values={facetValues(
              facets.value?.facets[EXPLORER_FILTERS[key]],
              state.filters[key],
            ).map(value => ({ value, label: value }))}
            onChange={value =>
              update({ filters: { ...state.filters, [key]: value } })
            }
          />
        ))}
        {(Object.keys(STATUS_FILTERS) as StatusFilter[]).map(key => (
          <FilterSelect
            key={key}
            label={STATUS_LABELS[key]}
            value={state.status[key] ?? ''}
            values={STATUS_FILTERS[key].map(value => ({
              value,
              label: STATUS_VALUE_LABELS[value] ?? value,
            }))}
            onChange={value =>
              update({ status: { ...state.status, [key]: value } })
            }
          />
        ))}
      </Box>
      {facets.error && <ResponseErrorPanel error={facets.error} />}
      <ExplorerTable
        loading={page.loading}
        error={page.error}
        items={page.value?.items}
        total={page.value?.totalItems ?? 0}
        statuses={statuses.value}
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
