import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { MeshworkPermissionPolicy } from './MeshworkPermissionPolicy';

/** `governance.platformTeam` as a lowercase group ref; start-up stops on a bad one. */
function platformTeamOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(value, { defaultKind: 'group' }),
    ).toLocaleLowerCase('en-US');
  } catch {
    throw new Error(
      `governance.platformTeam: expected a group ref like group:default/data-platform (got ${JSON.stringify(
        value,
      )})`,
    );
  }
}

/** Installs Meshwork's permission policy in the permission backend. */
export const meshworkPermissionPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'meshwork-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        policy: policyExtensionPoint,
        userInfo: coreServices.userInfo,
      },
      async init({ config, policy, userInfo }) {
        policy.setPolicy(
          new MeshworkPermissionPolicy({
            userInfo,
            platformTeam: platformTeamOf(
              config.getOptionalString('governance.platformTeam'),
            ),
          }),
        );
      },
    });
  },
});
