import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';

/**
 * Permissions under which `user` may read only the catalog entities without
 * `label` (a conditional decision the catalog applies), and everyone else
 * everything: a policy that decides per entity.
 */
export function permissionsHidingLabelled(options: {
  user: string;
  label: string;
}) {
  const decide = (credentials: BackstageCredentials): PolicyDecision =>
    (credentials.principal as { userEntityRef?: string }).userEntityRef ===
    options.user
      ? {
          result: AuthorizeResult.CONDITIONAL,
          pluginId: 'catalog',
          resourceType: 'catalog-entity',
          conditions: {
            not: {
              rule: 'HAS_LABEL',
              resourceType: 'catalog-entity',
              params: { label: options.label },
            },
          },
        }
      : { result: AuthorizeResult.ALLOW };
  return mockServices.permissions.mock({
    authorize: async requests =>
      requests.map(() => ({ result: AuthorizeResult.ALLOW })),
    authorizeConditional: async (requests, { credentials }) =>
      requests.map(() => decide(credentials)),
  });
}
