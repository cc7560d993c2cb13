import { ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { Box } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import {
  startTransition,
  useCallback,
  useEffect,
  useRef,
  useState,
} from 'react';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import useInterval from 'react-use/esm/useInterval';
import {
  dataProductsApiRef,
  STATUS_REFRESH_MS,
  STATUSES_UNAVAILABLE,
} from '../../api';
import { ExplorerFilters } from './ExplorerFilters';
import { ExplorerSearchField } from './ExplorerSearchField';
import { ExplorerTable } from './ExplorerTable';
import {
  EXPLORER_FILTERS,
  ExplorerState,
  readExplorerState,
  writeExplorerState,
} from './explorerQuery';
import { indexBuildingRetryMs } from './indexBuilding';
import { loadExplorerPage } from './loadExplorerPage';

/** Whether two queries are one search being typed: both with a term, the rest alike. */
function sameSearch(a: string, b: string) {
  const [first, second] = [a, b].map(query => new URLSearchParams(query));
  if (!first.get('q') || !second.get('q')) return false;
  first.delete('q');
  second.delete('q');
  return first.toString() === second.toString();
}

/** The query the explorer writes for the view a query asks for. */
const canonicalQuery = (query: string) =>
  writeExplorerState(readExplorerState(new URLSearchParams(query))).toString();

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
  const query = writeExplorerState(state).toString();
  // A status filter reads them with the page it loads.
  const filteredByStatus = Boolean(state.status.slo || state.status.level);
  // Otherwise loaded apart from the page, so the table never waits for
  // them, and read again each minute, not with each page or keystroke:
  // each read is of the whole mesh, from two backends.
  const [statusRound, setStatusRound] = useState(0);
  useInterval(() => setStatusRound(round => round + 1), STATUS_REFRESH_MS);
  const statuses = useAsync(
    async () =>
      filteredByStatus
        ? undefined
        : dataProductsApi.statuses().catch(() => STATUSES_UNAVAILABLE),
    [dataProductsApi, filteredByStatus, statusRound],
  );
  // Bumped to load the page again once the search index may be built.
  const [pageRound, setPageRound] = useState(0);
  const page = useAsync(
    async () => ({
      query,
      ...(await loadExplorerPage(
        catalogApi,
        dataProductsApi,
        readExplorerState(new URLSearchParams(query)),
      )),
    }),
    [catalogApi, dataProductsApi, query, pageRound],
  );
  // A status filter pages in the search index, which the backend builds
  // after it starts and answers 503 until then: asked again once its
  // Retry-After has passed, not shown as a failure.
  const retryMs = page.error ? indexBuildingRetryMs(page.error) : undefined;
  useEffect(() => {
    if (page.loading || retryMs === undefined) return undefined;
    const timer = setTimeout(() => setPageRound(round => round + 1), retryMs);
    return () => clearTimeout(timer);
  }, [page.error, page.loading, retryMs]);

  // The URL (for sharing) follows once the page for the state is shown, so
  // re-rendering the app for it never delays results. `written` is the last
  // query put in the URL here; any other change to the URL is back, forward
  // or an edited address, and the state follows it.
  const urlQuery = searchParams.toString();
  const written = useRef(urlQuery);
  // The query a page past the end is put right to: written in its place.
  const correcting = useRef<string>();
  // The query of the state the URL was read into, until the state has it:
  // until then the state shown is the one left, not one to write.
  const following = useRef<string>();
  useEffect(() => {
    if (urlQuery !== written.current) {
      written.current = urlQuery;
      following.current = canonicalQuery(urlQuery);
      setState(readExplorerState(new URLSearchParams(urlQuery)));
    }
  }, [urlQuery]);
  const shownQuery = page.value?.query;
  useEffect(() => {
    if (following.current !== undefined) {
      if (query !== following.current) return;
      following.current = undefined;
    }
    if (shownQuery === query && query !== written.current) {
      // Each view is a step Back returns to, but not each letter typed in
      // the search box, nor the address put in order (a page past the end,
      // a value in another form), which Back would only put back.
      const replace =
        query === correcting.current ||
        sameSearch(query, written.current) ||
        query === canonicalQuery(written.current);
      correcting.current = undefined;
      written.current = query;
      startTransition(() => setSearchParams(query, { replace }));
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
    if (!pastTheEnd) return;
    correcting.current = writeExplorerState({
      ...state,
      page: lastPage,
    }).toString();
    update({ page: lastPage });
  }, [pastTheEnd, lastPage, update, state]);

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
      {retryMs === undefined ? (
        <ExplorerTable
          loading={page.loading}
          error={page.error}
          items={page.value?.items}
          total={page.value?.totalItems ?? 0}
          statuses={page.value?.statuses ?? statuses.value}
          state={state}
          onChange={update}
        />
      ) : (
        <Alert severity="info">
          The search index is still being built; retrying…
        </Alert>
      )}
    </Box>
  );
};
