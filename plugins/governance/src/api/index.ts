export { governanceApiRef } from './GovernanceApi';
export type { GovernanceApi, GovernanceCheckInfo } from './GovernanceApi';
export { GovernanceClient } from './GovernanceClient';
export { listTitledExemptions } from './listTitledExemptions';
export type { TitledExemption } from './listTitledExemptions';
export { loadCheckTitles } from './loadCheckTitles';
export { errorMessageOf } from './errorMessageOf';
