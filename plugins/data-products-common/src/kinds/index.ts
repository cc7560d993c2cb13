export * from './DataProductEntityV1alpha1';
export { validateDataProductEntity } from './validateDataProductEntity';
export { checkDataProductKind } from './checkDataProductKind';
export { catalogPolicyProblem } from './catalogPolicyProblem';
export { checkPortContracts, COLUMN_METRICS } from './checkPortContracts';
export type { PortContract } from './checkPortContracts';
export type { ValidationIssue } from './validateDataProductEntity';
export { parseDuration, parsePercentage, describeDuration } from './durations';
export { parseInputPortRef } from './parseInputPortRef';
export { dataProductSearchText } from './dataProductSearchText';
export { describeSlos } from './describeSlos';
export { someOf } from './someOf';
export { someIssues } from './someIssues';
export { describeIssues } from './describeIssues';
export type { ParseIssue } from './describeIssues';
export { DEFAULT_SLO_WINDOW, sloWindows } from './sloWindows';
export { dataProductSearchTerms } from './dataProductSearchTerms';
export type {
  DataProductSearchTerm,
  DataProductTermSource,
} from './dataProductSearchTerms';
export { summarizeDataProducts } from './summarizeDataProducts';
export type { DataProductSummary } from './summarizeDataProducts';
export {
  ONCALL_CONTACT_ANNOTATION,
  ONCALL_ID_ANNOTATION,
  ONCALL_PROVIDER_ANNOTATION,
  resolveOnCall,
  TEAM_SUPPORT_FIELDS,
  teamOnCall,
} from './resolveOnCall';
export type { OnCall } from './resolveOnCall';
export { formatOnCall } from './formatOnCall';
export { onCallSlackChannel } from './onCallSlackChannel';
export { runbookLinkOf, runbookOf } from './runbookOf';
export { resolveRunbook } from './resolveRunbook';
export type { Runbook } from './resolveRunbook';
export { declaredJobsOf, OPENLINEAGE_JOBS_ANNOTATION } from './declaredJobs';
export type { DeclaredJob } from './declaredJobs';
export { matchDataProduct, parseSearchTerm } from './matchDataProduct';
export {
  datasetSpellingKey,
  searchNamespace,
  searchNamespaceSpellings,
} from './searchNamespace';
export type { DataProductMatch } from './matchDataProduct';
export type { InputPortTarget } from './parseInputPortRef';
export { dataProductEntityV1alpha1Schema } from './dataProductEntityV1alpha1Schema';
export {
  checkDataProductReferences,
  dataProductReferences,
  normalizedEntityRef,
} from './checkDataProductReferences';
export type {
  DataProductReferences,
  ReferencedEntity,
} from './checkDataProductReferences';
export { roundJudgedAlike } from './roundJudgedAlike';
export type { FigureBounds } from './roundJudgedAlike';
export { deprecationOf } from './deprecationOf';
export type { ResolvedDeprecation } from './deprecationOf';
export { sunsetDay } from './sunsetDay';
export { checkSuccessor } from './checkSuccessor';
export { formatDuration } from './formatDuration';
export { formatShare } from './formatShare';
export { formatTime } from './formatTime';
