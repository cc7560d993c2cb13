/**
 * Federated governance for data products: checks, policies, scorecards.
 *
 * @packageDocumentation
 */
export * from './checks/GovernanceCheck';
export { builtinChecks, builtinCheckIds } from './checks/builtinChecks';
export { checkContextOf } from './checks/checkContextOf';
export { parseGovernancePolicies } from './policies/GovernancePolicy';
export type {
  GovernancePolicy,
  PolicyFilter,
} from './policies/GovernancePolicy';
export {
  domainPolicy,
  DOMAIN_POLICY_ANNOTATION,
} from './policies/domainPolicy';
export { applicableChecks } from './policies/applicableChecks';
export * from './scorecard/Scorecard';
export {
  evaluateScorecard,
  SEVERITY_WEIGHTS,
} from './scorecard/evaluateScorecard';
export { rollupScorecards } from './scorecard/rollupScorecards';
export { describeLevel, LEVEL_MEANINGS } from './scorecard/describeLevel';
export { utcMinute } from './scorecard/utcMinute';
export type {
  FailedCheckCount,
  ScorecardRollup,
} from './scorecard/rollupScorecards';
export * from './api/GovernanceApiTypes';
export * from './permissions/permissions';
export { platformTeamOf } from './permissions/platformTeamOf';
export type * from './runtime/LineageMeasurements';
export { runtimeFindingsOf } from './runtime/runtimeFindingsOf';
export { bucketTrend } from './scorecard/bucketTrend';
export type { MeshEvaluation } from './scorecard/bucketTrend';
