/**
 * Governance scorecards of data products, in Backstage.
 *
 * @packageDocumentation
 */
export { default } from './plugin';
export { governanceApiRef, GovernanceClient } from './api';
export type { GovernanceApi, GovernanceCheckInfo } from './api';
