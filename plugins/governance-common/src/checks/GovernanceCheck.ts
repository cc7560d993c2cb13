import type { Entity } from '@backstage/catalog-model';
import type {
  DataContract,
  DataProductEntityV1alpha1,
  ValidationIssue,
} from '@meshwork/plugin-data-products-common';

export const severities = ['info', 'warning', 'error'] as const;
export type Severity = (typeof severities)[number];

export type CheckStatus = 'pass' | 'fail' | 'exempt' | 'unknown';

/**
 * What runtime lineage says about a product; absent while it has no data,
 * unknown when its data cannot judge the check (saying why).
 */
export type RuntimeFinding = {
  status: 'pass' | 'fail' | 'unknown';
  message: string;
};

export type RuntimeFindings = {
  freshness?: RuntimeFinding;
  volume?: RuntimeFinding;
  quality?: RuntimeFinding;
  schemaDrift?: RuntimeFinding;
  undeclaredDependencies?: RuntimeFinding;
};

/** Everything a check may look at for one product. */
export type CheckContext = {
  product: DataProductEntityV1alpha1;
  /**
   * Each output port's contract by port name; undefined when missing,
   * invalid, or naming no column.
   */
  contracts: Map<string, DataContract | undefined>;
  /**
   * Why a port's contract, valid as ODCS, counts as none, by port name: it
   * names no column (`the contract of port main (orders.odcs.yaml) names no
   * column: schema object Orders has no properties`).
   */
  contractProblems?: Map<string, string>;
  /** The entity `spec.owner` names, when it exists. */
  owner?: Entity;
  /** Problems with the input ports' references (see checkDataProductReferences). */
  inputPortIssues: ValidationIssue[];
  runtime?: RuntimeFindings;
};

export type CheckOutcome = {
  status: 'pass' | 'fail' | 'unknown';
  message: string;
};

export type GovernanceCheck = {
  id: string;
  title: string;
  description: string;
  category: 'ownership' | 'documentation' | 'contracts' | 'reliability';
  /** Severity when a policy does not set one. */
  severity: Severity;
  remediation: string;
  /** Needs runtime lineage; `meshwork check` in CI skips these. */
  runtime: boolean;
  evaluate(context: CheckContext): CheckOutcome;
};
