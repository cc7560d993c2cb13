export { governanceApiRef } from './GovernanceApi';
export type { GovernanceApi } from './GovernanceApi';
export { GovernanceClient } from './GovernanceClient';
