import { CatalogClient } from '@backstage/catalog-client';
import { Entity } from '@backstage/catalog-model';

/** Entities by ref, from somewhere other than the paths given. */
export type CatalogLookup = (entityRefs: string[]) => Promise<Entity[]>;

/**
 * Looks entities up in the catalog of the Meshwork backend at `baseUrl`
 * (e.g. `https://meshwork.example.com`), as `token` (MESHWORK_API_TOKEN,
 * which may read the catalog): a domain's repository holds its own
 * products, not the groups, domains and upstream products they name.
 */
export function catalogLookup(baseUrl: string, token?: string): CatalogLookup {
  const catalogUrl = `${baseUrl.replace(/\/+$/, '')}/api/catalog`;
  const client = new CatalogClient({
    discoveryApi: { getBaseUrl: async () => catalogUrl },
    fetchApi: {
      fetch: (input, init) => {
        const headers = new Headers(init?.headers);
        if (token) headers.set('Authorization', `Bearer ${token}`);
        return fetch(input, { ...init, headers });
      },
    },
  });
  return async entityRefs => {
    if (entityRefs.length === 0) return [];
    try {
      const { items } = await client.getEntitiesByRefs({ entityRefs });
      return items.filter((item): item is Entity => item !== undefined);
    } catch (error) {
      throw new Error(
        `cannot read the catalog at ${catalogUrl}: ${(error as Error).message}`,
      );
    }
  };
}
