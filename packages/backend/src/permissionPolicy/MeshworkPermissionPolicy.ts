import { UserInfoService } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  isPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  createGovernanceConditionalDecision,
  governanceConditions,
} from '@meshwork/plugin-governance-backend';
import { governanceExemptionCreatePermission } from '@meshwork/plugin-governance-common';

/**
 * Meshwork's permission policy. Everything is allowed except granting
 * governance exemptions, which is for the platform team
 * (`governance.platformTeam`) on any product, and for the owner of a
 * product's Domain on that domain's products (decided by the governance
 * backend, which knows the product's domain).
 */
export class MeshworkPermissionPolicy implements PermissionPolicy {
  constructor(
    private readonly options: {
      userInfo: UserInfoService;
      /** A lowercase entity ref, or none. */
      platformTeam?: string;
    },
  ) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (isPermission(request.permission, governanceExemptionCreatePermission)) {
      if (!user) return { result: AuthorizeResult.DENY };
      const { ownershipEntityRefs } = await this.options.userInfo.getUserInfo(
        user.credentials,
      );
      const claims = ownershipEntityRefs.map(ref =>
        ref.toLocaleLowerCase('en-US'),
      );
      if (
        this.options.platformTeam &&
        claims.includes(this.options.platformTeam)
      ) {
        return { result: AuthorizeResult.ALLOW };
      }
      return createGovernanceConditionalDecision(
        request.permission,
        governanceConditions.isDomainOwner({ claims }),
      );
    }
    return { result: AuthorizeResult.ALLOW };
  }
}
