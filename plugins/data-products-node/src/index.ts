export { readableDataProductRefs } from './readableDataProductRefs';
export { requireJsonBody } from './requireJsonBody';
export { jsonBody } from './jsonBody';
export { migrateLatestExclusively } from './migrateLatestExclusively';
export { yieldToEventLoop } from './yieldToEventLoop';
export {
  MAX_TEXT_FILE_MB,
  NotTextFileError,
  readTextFile,
  whyUnreadable,
} from './readTextFile';
export {
  ContractPathError,
  cachedRepositoryRootOf,
  hiddenContractError,
  readLocalContractFile,
  repositoryRootOf,
} from './readLocalContractFile';
export type {
  ContractBound,
  LocalContractFileOptions,
} from './readLocalContractFile';
export {
  isRefusedByDatabase,
  isStatementCancelled,
  isStoreUnavailable,
} from './isStoreUnavailable';
export {
  RETRY_AFTER_SECONDS,
  answerUnavailable,
  createThrottledWarning,
  describeStoreError,
  isDependencyUnavailable,
  storeUnavailableHandler,
} from './storeUnavailableHandler';
