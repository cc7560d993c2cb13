export { governanceApiRef } from './GovernanceApi';
export type { GovernanceApi, GovernanceCheckInfo } from './GovernanceApi';
export { GovernanceClient } from './GovernanceClient';
