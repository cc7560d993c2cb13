import { CatalogClient } from '@backstage/catalog-client';
import { Entity } from '@backstage/catalog-model';
import { fetchBackendJson } from './fetchBackendJson';

/** Entities by ref, from somewhere other than the paths given. */
export type CatalogLookup = (entityRefs: string[]) => Promise<Entity[]>;

/** Whether `value` is an entity as far as the checks read one's identity. */
function isEntity(value: unknown): value is Entity {
  const entity = value as Partial<Entity> | null;
  return (
    typeof entity === 'object' &&
    entity !== null &&
    typeof entity.apiVersion === 'string' &&
    typeof entity.kind === 'string' &&
    typeof entity.metadata === 'object' &&
    entity.metadata !== null &&
    typeof entity.metadata.name === 'string'
  );
}

/** The catalog's answer for entities by ref, one entity or null a ref. */
function isEntitiesByRefs(
  answer: unknown,
): answer is { items: Array<Entity | null> } {
  const items = (answer as { items?: unknown } | null)?.items;
  return (
    Array.isArray(items) && items.every(item => item === null || isEntity(item))
  );
}

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
      // The client asks only for entities by ref; its own reading of an
      // answer would not say what was wrong with one.
      fetch: async (input, init) =>
        Response.json(
          await fetchBackendJson(String(input), {
            what: 'the catalog',
            token,
            init,
            expected: 'JSON {"items": [an entity or null, …]}',
            accepts: isEntitiesByRefs,
          }),
        ),
    },
  });
  return async entityRefs => {
    if (entityRefs.length === 0) return [];
    const { items } = await client.getEntitiesByRefs({ entityRefs });
    return items.filter((item): item is Entity => item !== undefined);
  };
}
