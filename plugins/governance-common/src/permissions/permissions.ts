import { createPermission } from '@backstage/plugin-permission-common';

/**
 * The resource type of governance permissions: a data product, named by its
 * entity ref. The governance backend loads it with its domain's owner, so a
 * policy can grant a permission to the owner of the product's domain.
 */
export const GOVERNANCE_PRODUCT_RESOURCE_TYPE = 'governance-data-product';

/** Waiving one check for one product until a date. */
export const governanceExemptionCreatePermission = createPermission({
  name: 'governance.exemption.create',
  attributes: { action: 'create' },
  resourceType: GOVERNANCE_PRODUCT_RESOURCE_TYPE,
});

/** Every permission of the governance plugin. */
export const governancePermissions = [governanceExemptionCreatePermission];
