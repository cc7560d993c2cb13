import { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/frontend-plugin-api';
import type { Scorecard } from '@meshwork/plugin-governance-common';

/** Meshwork's governance backend, as the frontend uses it. */
export interface GovernanceApi {
  /** The product's latest scorecard; undefined before its first evaluation. */
  getScorecard(entity: CompoundEntityRef): Promise<Scorecard | undefined>;
}

export const governanceApiRef = createApiRef<GovernanceApi>({
  id: 'plugin.governance.api',
});
