import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { ConfigSources, StaticConfigSource } from '@backstage/config-loader';
import { apiTokenConfig } from './apiTokenConfig';
import { strictEnvironmentSubstitution } from './strictEnvironmentSubstitution';

/**
 * The root config, with two Meshwork rules on top of Backstage's defaults:
 * a `${VAR}` that is not set stops start-up naming the variable (instead of
 * silently dropping the key), and `MESHWORK_API_TOKEN`, when set, becomes an
 * external-access static token for machine clients.
 */
export const meshworkRootConfigServiceFactory = (
  env: NodeJS.ProcessEnv = process.env,
) =>
  createServiceFactory({
    service: coreServices.rootConfig,
    deps: {},
    async factory() {
      const files = ConfigSources.default({
        substitutionFunc: strictEnvironmentSubstitution(env),
      });
      const base = await ConfigSources.toConfig(files);
      const extra = apiTokenConfig(base, env);
      if (!extra) {
        return base;
      }
      base.close();
      return ConfigSources.toConfig(
        ConfigSources.merge([
          ConfigSources.default({
            substitutionFunc: strictEnvironmentSubstitution(env),
          }),
          StaticConfigSource.create({
            data: extra,
            context: 'MESHWORK_API_TOKEN',
          }),
        ]),
      );
    },
  });
