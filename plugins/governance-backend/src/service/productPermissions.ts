import {
  createConditionExports,
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import { GOVERNANCE_PRODUCT_RESOURCE_TYPE } from '@meshwork/plugin-governance-common';
import { z } from 'zod';

/** A data product as governance permissions see it. */
export type GovernanceProductResource = {
  entityRef: string;
  /** The owner of the product's Domain, a lowercase entity ref. */
  domainOwner?: string;
};

/** Products whose domain is owned by one of these refs. */
export type GovernanceProductQuery = { domainOwners: string[] };

export const governanceProductResourceRef = createPermissionResourceRef<
  GovernanceProductResource,
  GovernanceProductQuery
>().with({
  pluginId: 'governance',
  resourceType: GOVERNANCE_PRODUCT_RESOURCE_TYPE,
});

const isDomainOwner = createPermissionRule({
  name: 'IS_DOMAIN_OWNER',
  description: "Allow the owner of the product's Domain",
  resourceRef: governanceProductResourceRef,
  paramsSchema: z.object({
    claims: z
      .array(z.string())
      .describe('The ownership entity refs of the user, e.g. its groups'),
  }),
  apply: (resource, { claims }) =>
    Boolean(resource.domainOwner) &&
    claims
      .map(claim => claim.toLocaleLowerCase('en-US'))
      .includes(resource.domainOwner!),
  toQuery: ({ claims }) => ({
    domainOwners: claims.map(claim => claim.toLocaleLowerCase('en-US')),
  }),
});

/** The rules of the governance plugin's resource, for its permission registry. */
export const governanceProductRules = { isDomainOwner };

/**
 * Conditions on data products for permission policies, e.g.
 * `createGovernanceConditionalDecision(permission,
 * governanceConditions.isDomainOwner({ claims }))`.
 *
 * @public
 */
export const {
  conditions: governanceConditions,
  createConditionalDecision: createGovernanceConditionalDecision,
} = createConditionExports({
  resourceRef: governanceProductResourceRef,
  rules: governanceProductRules,
});
