import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { platformTeamOf } from '@meshwork/plugin-governance-common';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { MeshworkPermissionPolicy } from './MeshworkPermissionPolicy';

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
