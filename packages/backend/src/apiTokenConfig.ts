import { Config } from '@backstage/config';
import { JsonObject } from '@backstage/types';

/** Backstage refuses shorter static tokens; say so before it does, by name. */
const MIN_TOKEN_LENGTH = 8;

export const API_TOKEN_SUBJECT = 'meshwork-api-client';

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
          },
        ],
      },
    },
  };
}
