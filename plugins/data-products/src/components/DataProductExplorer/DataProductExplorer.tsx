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
import { dataProductsApiRef } from '../../api';
import { ExplorerFilters } from './ExplorerFilters';
import { ExplorerSearchField } from './ExplorerSearchField';
import { ExplorerTable } from './ExplorerTable';
import {
  EXPLORER_FILTERS,
  ExplorerState,
  readExplorerState,
  writeExplorerState,
} from './explorerQuery';
import { loadExplorerPage } from './loadExplorerPage';

/**
 * Every data product in one table, filtered, searched (including contract
 * column names), sorted and paged on the server (the catalog, or the search
 * index for a search) so it stays fast at thousands of products. The URL
 * holds the state, so views can be shared.
 */
export const DataProductExplorer = () => {
  const catalogApi = useApi(catalogApiRef);
  const dataProductsApi = useApi(dataProductsApiRef);
  const [searchParams, setSearchParams] = useSearchParams();
  const [state, setState] = useState(() => readExplorerState(searchParams));
  const update = useCallback(
    (change: Partial<ExplorerState>) =>
      setState(current => ({ ...current, page: 0, ...change })),
    [],
  );
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
    async () => ({
      query,
      ...(await loadExplorerPage(
        catalogApi,
        dataProductsApi,
        readExplorerState(new URLSearchParams(query)),
      )),
    }),
    [catalogApi, dataProductsApi, query],
  );

  // The URL (for sharing) follows once the page for the state is shown, so
  // re-rendering the app for it never delays results. `written` is the last
  // query put in the URL here; any other change to the URL is back, forward
  // or an edited address, and the state follows it.
  const urlQuery = searchParams.toString();
  const written = useRef(urlQuery);
  useEffect(() => {
    if (urlQuery !== written.current) {
      written.current = urlQuery;
      setState(readExplorerState(new URLSearchParams(urlQuery)));
    }
  }, [urlQuery]);
  const shownQuery = page.value?.query;
  useEffect(() => {
    if (shownQuery === query && query !== written.current) {
      written.current = query;
      startTransition(() => setSearchParams(query, { replace: true }));
    }
  }, [shownQuery, query, setSearchParams]);

  // A page past the end (a shared link, products removed since): the last
  // page instead, not an empty table that says there are no products.
  const pastTheEnd =
    shownQuery === query &&
    page.value?.items.length === 0 &&
    page.value.totalItems > 0 &&
    state.page > 0;
  const lastPage = Math.max(
    0,
    Math.ceil((page.value?.totalItems ?? 0) / state.pageSize) - 1,
  );
  useEffect(() => {
    if (pastTheEnd) update({ page: lastPage });
  }, [pastTheEnd, lastPage, update]);

  return (
    <Box display="flex" flexDirection="column" style={{ gap: 16 }}>
      <Box display="flex" flexWrap="wrap" style={{ gap: 12 }}>
        <ExplorerSearchField value={state.q} onSearch={onSearch} />
        <ExplorerFilters
          filters={state.filters}
          status={state.status}
          facets={facets.value?.facets}
          onChange={update}
        />
      </Box>
      {facets.error && <ResponseErrorPanel error={facets.error} />}
      <ExplorerTable
        loading={page.loading}
        error={page.error}
        items={page.value?.items}
        total={page.value?.totalItems ?? 0}
        statuses={page.value?.statuses ?? statuses.value}
        state={state}
        onChange={update}
      />
    </Box>
  );
};
