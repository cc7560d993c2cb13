import { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  ExemptionGrantors,
  ExemptionRequest,
  ExemptionState,
  GovernanceCheck,
  MeshTrendPoint,
  Scorecard,
  ScorecardHistoryPoint,
  ScorecardRollup,
  ScorecardSummary,
  StoredExemption,
} from '@meshwork/plugin-governance-common';

/** A check as `GET /checks` describes it: everything but its code. */
export type GovernanceCheckInfo = Omit<GovernanceCheck, 'evaluate'>;

/** Meshwork's governance backend, as the frontend uses it. */
export interface GovernanceApi {
  /** The product's latest scorecard; undefined before its first evaluation. */
  getScorecard(entity: CompoundEntityRef): Promise<Scorecard | undefined>;

  /** Every product's latest score and level, or those of one domain's products. */
  listScorecards(filter?: { domain?: string }): Promise<ScorecardSummary[]>;

  /** Scores and levels per domain or per owning team, best first. */
  getRollups(by: 'domains' | 'teams'): Promise<ScorecardRollup[]>;

  /**
   * The mesh's average score per day or per hour, oldest first, since `from`
   * (by default 30 days ago).
   */
  getTrend(by: 'day' | 'hour', from?: Date): Promise<MeshTrendPoint[]>;

  /** The product's score at each evaluation of the last 30 days, oldest first. */
  getHistory(entity: CompoundEntityRef): Promise<ScorecardHistoryPoint[]>;

  /** The checks products are scored on. */
  listChecks(): Promise<GovernanceCheckInfo[]>;

  /**
   * Exemptions, soonest expiry first; active ones unless `state` says, of
   * every product unless `entityRef` names one.
   */
  listExemptions(query?: {
    entityRef?: string;
    state?: ExemptionState | 'all';
    expiringWithinDays?: number;
  }): Promise<StoredExemption[]>;

  /**
   * Waives a check for a product until a time, as the signed-in user; the
   * product is scored again before this answers.
   */
  grantExemption(request: ExemptionRequest): Promise<StoredExemption>;

  /** Who may grant the product exemptions, to tell a user who may not. */
  getExemptionGrantors(entity: CompoundEntityRef): Promise<ExemptionGrantors>;

  /** Ends an exemption now, saying why; it stays listed as revoked. */
  revokeExemption(id: string, reason: string): Promise<StoredExemption>;
}

export const governanceApiRef = createApiRef<GovernanceApi>({
  id: 'plugin.governance.api',
});
