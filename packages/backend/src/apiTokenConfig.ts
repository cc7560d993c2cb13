import { Config } from '@backstage/config';
import { JsonObject } from '@backstage/types';

/** Backstage refuses shorter static tokens; say so before it does, by name. */
const MIN_TOKEN_LENGTH = 8;

export const API_TOKEN_SUBJECT = 'meshwork-api-client';

/**
 * What a machine client may do: post lineage (whose reads refuse the token
 * anyway), ask governance (dry runs; exemptions need a user) and data
 * products, and read the catalog. A producer's token, kept in every job's
 * config, must not delete entities or register locations.
 */
const API_TOKEN_ACCESS = [
  { plugin: 'lineage' },
  { plugin: 'governance' },
  { plugin: 'data-products' },
  { plugin: 'catalog', permissionAttribute: { action: ['read'] } },
];

/**
 * The config to add so that `MESHWORK_API_TOKEN` is accepted as a Backstage
 * external-access static token, keeping any external access already
 * configured. Undefined when the variable is unset: static-token access is off.
 */
export function apiTokenConfig(
  config: Config,
  env: NodeJS.ProcessEnv,
):
  | (JsonObject & { backend: { auth: { externalAccess: JsonObject[] } } })
  | undefined {
  const token = env.MESHWORK_API_TOKEN?.trim();
  if (!token) {
    return undefined;
  }
  if (token.length < MIN_TOKEN_LENGTH || /\s/.test(token)) {
    throw new Error(
      `MESHWORK_API_TOKEN must be at least ${MIN_TOKEN_LENGTH} characters with no spaces (got ${token.length} characters)`,
    );
  }
  const existing =
    config.getOptionalConfigArray('backend.auth.externalAccess') ?? [];
  return {
    backend: {
      auth: {
        externalAccess: [
          ...existing.map(entry => entry.get<JsonObject>()),
          {
            type: 'static',
            options: { token, subject: API_TOKEN_SUBJECT },
            accessRestrictions: API_TOKEN_ACCESS,
          },
        ],
      },
    },
  };
}
