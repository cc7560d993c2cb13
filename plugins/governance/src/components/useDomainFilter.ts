import { comparableEntityRef } from '@meshwork/plugin-data-products-common';
import { useSearchParams } from 'react-router-dom';

/**
 * The governance page's domain, kept in the address (`?domain=sales` or
 * `?domain=domain:default/sales`) so that a leaderboard row, a reload or a
 * shared link shows that domain's products; undefined: the whole mesh.
 * `linkTo` gives the page's address for a domain (none: every domain),
 * keeping its other parameters (`?trend=hour`).
 */
export function useDomainFilter() {
  const [searchParams] = useSearchParams();
  const param = searchParams.get('domain');
  const domain = param ? comparableEntityRef(param, 'domain') : undefined;
  const linkTo = (ref?: string) => {
    const next = new URLSearchParams(searchParams);
    if (ref) next.set('domain', ref);
    else next.delete('domain');
    // `?` alone is the page without parameters.
    return `?${next}`;
  };
  return { domain, linkTo };
}
