import { UserInfoService } from '@backstage/backend-plugin-api';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  catalogEntityDeletePermission,
  catalogLocationDeletePermission,
} from '@backstage/plugin-catalog-common/alpha';
import { unprocessedEntitiesDeletePermission } from '@backstage/plugin-catalog-unprocessed-entities-common';
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
 * Meshwork's permission policy. Everything is allowed except:
 * - granting governance exemptions, which is for the platform team
 *   (`governance.platformTeam`) on any product, and for the owner of a
 *   product's Domain on that domain's products (decided by the governance
 *   backend, which knows the product's domain);
 * - deleting catalog entities, which is for the platform team and for the
 *   entity's owner: a team removing another's products would drop their
 *   scorecards and lineage owners with them;
 * - unregistering locations, which is for the platform team: a location
 *   holds every team's products it reads;
 * - deleting through the unprocessed-entities API, which is for the
 *   platform team: it deletes any entity by id, processed or not, with no
 *   owner to check, and a product deleted so loses its exemptions.
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
    const { permission } = request;
    const guarded =
      isPermission(permission, governanceExemptionCreatePermission) ||
      isPermission(permission, catalogEntityDeletePermission) ||
      isPermission(permission, catalogLocationDeletePermission) ||
      isPermission(permission, unprocessedEntitiesDeletePermission);
    if (!guarded) return { result: AuthorizeResult.ALLOW };
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
    if (isPermission(permission, governanceExemptionCreatePermission)) {
      return createGovernanceConditionalDecision(
        permission,
        governanceConditions.isDomainOwner({ claims }),
      );
    }
    if (isPermission(permission, catalogEntityDeletePermission)) {
      return createCatalogConditionalDecision(
        permission,
        catalogConditions.isEntityOwner({ claims }),
      );
    }
    return { result: AuthorizeResult.DENY };
  }
}
