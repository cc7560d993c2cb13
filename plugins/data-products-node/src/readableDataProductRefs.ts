import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { CatalogService } from '@backstage/plugin-catalog-node';

/**
 * The refs of the data products a caller may read, or undefined when it may
 * read every entity. A plugin that reads products with its own credentials
 * narrows its answers with these to what the catalog would show the caller;
 * only a policy that decides per entity costs a catalog query.
 *
 * @public
 */
export function readableDataProductRefs(options: {
  permissions: PermissionsService;
  catalog: CatalogService;
}) {
  const { permissions, catalog } = options;
  return async (
    credentials: BackstageCredentials,
  ): Promise<ReadonlySet<string> | undefined> => {
    const [decision] = await permissions.authorizeConditional(
      [{ permission: catalogEntityReadPermission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.ALLOW) return undefined;
    if (decision.result === AuthorizeResult.DENY) return new Set();
    const { items } = await catalog.getEntities(
      {
        filter: { kind: 'DataProduct' },
        fields: ['kind', 'metadata.namespace', 'metadata.name'],
      },
      { credentials },
    );
    return new Set(items.map(entity => stringifyEntityRef(entity)));
  };
}
