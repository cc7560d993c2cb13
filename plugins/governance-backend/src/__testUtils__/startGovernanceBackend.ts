import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleDataProducts from '@meshwork/plugin-catalog-backend-module-data-products';
import { promises as fs } from 'fs';
import path from 'path';
import { parse as parseYaml } from 'yaml';
import { governancePlugin } from '../plugin';

export const repo = path.resolve(__dirname, '../../../..');

export async function appConfigPolicies() {
  const config = parseYaml(
    await fs.readFile(path.join(repo, 'app-config.yaml'), 'utf8'),
  );
  return config.governance.policies;
}

/**
 * The catalog (reading `catalogTargets`, default the example mesh) and the
 * governance plugin on a test backend with the real scheduler, each plugin
 * with its own in-memory SQLite database (the stores' own tests cover
 * Postgres). Requests without a token are anonymous, as in production.
 */
export async function startGovernanceBackend(options: {
  governance: object;
  features?: Parameters<typeof startTestBackend>[0]['features'];
  config?: object;
  catalogTargets?: string[];
}) {
  const targets = options.catalogTargets ?? [
    path.join(repo, 'catalog-info/org/*.yaml'),
    path.join(repo, 'catalog-info/products/**/*.yaml'),
  ];
  return startTestBackend({
    features: [
      catalogPlugin,
      catalogModuleDataProducts,
      governancePlugin,
      schedulerServiceFactory,
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      mockServices.rootConfig.factory({
        data: {
          ...options.config,
          governance: options.governance,
          catalog: {
            processingInterval: { seconds: 1 },
            rules: [
              {
                allow: ['Group', 'User', 'Domain', 'Location', 'DataProduct'],
              },
            ],
            locations: targets.map(target => ({ type: 'file', target })),
          },
        },
      }),
      ...(options.features ?? []),
    ],
  });
}
