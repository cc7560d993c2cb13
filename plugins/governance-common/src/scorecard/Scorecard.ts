import type {
  CheckStatus,
  GovernanceCheck,
  Severity,
} from '../checks/GovernanceCheck';

export const levels = ['none', 'bronze', 'silver', 'gold'] as const;
export type Level = (typeof levels)[number];

export type ScorecardCheck = {
  id: string;
  title: string;
  category: GovernanceCheck['category'];
  severity: Severity;
  status: CheckStatus;
  message: string;
  remediation: string;
};

export type Scorecard = {
  entityRef: string;
  /** 0–100: passed (or exempt) checks weighted by severity, unknown ones left out. */
  score: number;
  level: Level;
  checks: ScorecardCheck[];
  evaluatedAt: string;
  /**
   * What kept the product from being scored as configured, e.g. its
   * domain's policy annotation that cannot be read; absent when nothing did.
   */
  problems?: string[];
};

/** A waiver of one check for one product, until it expires. */
export type Exemption = {
  entityRef: string;
  checkId: string;
  justification: string;
  approver: string;
  /** Who granted it, when known: the approver is whoever they named. */
  createdBy?: string;
  expiresAt: string;
};
