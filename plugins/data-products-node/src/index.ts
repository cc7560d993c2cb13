export { readableDataProductRefs } from './readableDataProductRefs';
export { requireJsonBody } from './requireJsonBody';
export { jsonBody } from './jsonBody';
export { migrateLatestExclusively } from './migrateLatestExclusively';
export { yieldToEventLoop } from './yieldToEventLoop';
export {
  MAX_TEXT_FILE_MB,
  NotTextFileError,
  decodeTextFile,
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
  answerUnavailable,
  createThrottledWarning,
  describeStoreError,
  storeUnavailableHandler,
} from './storeUnavailableHandler';
