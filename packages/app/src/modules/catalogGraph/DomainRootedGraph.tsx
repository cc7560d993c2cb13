import { ReactNode, useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import {
  discoveryApiRef,
  fetchApiRef,
  useApi,
} from '@backstage/frontend-plugin-api';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';

/** The query parameter the catalog graph page reads its root entities from. */
const ROOTS_PARAM = 'rootEntityRefs[]';

/**
 * Roots the catalog graph at every Domain when the address names no root
 * entity, so that the page opens on the mesh (domains, their data products
 * and owners) instead of an empty canvas. An address that names roots, as
 * the graph's own links do, is left as it is.
 */
export function DomainRootedGraph(props: { children: ReactNode }) {
  const { children } = props;
  const location = useLocation();
  const navigate = useNavigate();
  const discoveryApi = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  const rooted = new URLSearchParams(location.search).has(ROOTS_PARAM);
  // Without domains there is nothing to root at: the page opens as it would.
  const [settled, setSettled] = useState(rooted);
  const [error, setError] = useState<Error>();

  useEffect(() => {
    if (rooted || settled) {
      return;
    }
    (async () => {
      const refs = await domainRefs(
        await discoveryApi.getBaseUrl('catalog'),
        fetchApi.fetch,
      );
      const search = new URLSearchParams(location.search);
      refs.forEach(ref => search.append(ROOTS_PARAM, ref));
      navigate({ search: search.toString() }, { replace: true });
      setSettled(true);
    })().catch(setError);
  }, [rooted, settled, location.search, navigate, discoveryApi, fetchApi]);

  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  if (!settled) {
    return <Progress />;
  }
  return <>{children}</>;
}

async function domainRefs(
  catalogUrl: string,
  fetch: typeof window.fetch,
): Promise<string[]> {
  const query = new URLSearchParams({
    filter: 'kind=domain',
    fields: 'metadata.name,metadata.namespace',
  });
  const response = await fetch(`${catalogUrl}/entities?${query}`);
  if (!response.ok) {
    throw new Error(
      `Could not list the catalog's domains: ${response.status} ${response.statusText}`,
    );
  }
  const domains: Array<{ metadata: { name: string; namespace?: string } }> =
    await response.json();
  return domains
    .map(
      ({ metadata }) =>
        `domain:${metadata.namespace ?? 'default'}/${metadata.name}`,
    )
    .sort();
}
