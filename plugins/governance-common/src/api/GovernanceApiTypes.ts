import type { Level, Scorecard } from '../scorecard/Scorecard';

/** One product in `GET /scorecards`: small, for lists of thousands. */
export type ScorecardSummary = {
  entityRef: string;
  domain: string;
  owner: string;
  score: number;
  level: Level;
  /** How many checks fail. */
  failing: number;
  evaluatedAt: string;
  /** See {@link Scorecard.problems}. */
  problems?: string[];
};

export type ExemptionState = 'active' | 'expired' | 'revoked';

/** An exemption as stored: never deleted; revocation is a state. */
export type StoredExemption = {
  id: string;
  entityRef: string;
  checkId: string;
  justification: string;
  approver: string;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  revokedAt?: string;
  revokedBy?: string;
  revocationReason?: string;
  /** At the time of the answer. */
  state: ExemptionState;
};

/**
 * `GET /grantors/:kind/:namespace/:name`: who may grant the product
 * exemptions, so that a user who may not can be told whom to ask. Either is
 * absent when none is configured or the product's domain has no owner.
 */
export type ExemptionGrantors = {
  /** `governance.platformTeam`, which may grant them to any product. */
  platformTeam?: string;
  /** The owner of the product's Domain, a lower-case entity ref. */
  domainOwner?: string;
};

/** Exemptions are time-boxed: at most this many days ahead. */
export const MAX_EXEMPTION_DAYS = 366;

/** The body of `POST /exemptions`: one check of one product waived until a time. */
export type ExemptionRequest = {
  /** A DataProduct entity ref. */
  entityRef: string;
  checkId: string;
  justification: string;
  /** A user or group entity ref: who approved it, as the granting user names them. */
  approver: string;
  /** ISO 8601, with a time zone, in the future and within {@link MAX_EXEMPTION_DAYS}. */
  expiresAt: string;
};

/** What happened to an exemption, oldest first. */
export type ExemptionEvent = {
  action: 'created' | 'revoked';
  actor: string;
  at: string;
  details: Record<string, unknown>;
};

/** `GET /scorecards/:kind/:namespace/:name`. */
export type ScorecardResponse = Scorecard & {
  domain: string;
  owner: string;
  /** The product's exemptions in force now. */
  exemptions: StoredExemption[];
};

/** A product's score at one evaluation (`GET /history/:kind/:namespace/:name`). */
export type ScorecardHistoryPoint = {
  evaluatedAt: string;
  score: number;
  level: Level;
  failing: number;
};

/** The mesh on one day or hour (`GET /history`). */
export type MeshTrendPoint = {
  /** Start of the day or hour, ISO 8601. */
  period: string;
  /**
   * The mesh's average score over the period, each evaluation weighted by
   * how long it held there (it holds until the next).
   */
  averageScore: number;
  /**
   * Products and levels of the last evaluation held in the period, which
   * may have started in an earlier one.
   */
  products: number;
  levels: Record<Level, number>;
  evaluatedAt: string;
};
