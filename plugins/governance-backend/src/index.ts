/**
 * Governance backend: scheduled and change-driven evaluation of data
 * products' governance checks, stored scorecards with history, exemptions,
 * rollups and dry runs.
 *
 * @packageDocumentation
 */
export { governancePlugin as default } from './plugin';
export {
  governanceConditions,
  createGovernanceConditionalDecision,
} from './service/productPermissions';
export type {
  GovernanceProductResource,
  GovernanceProductQuery,
} from './service/productPermissions';
