export * from './DataContract';
export type { ContractError } from './ContractError';
export { parseDataContract } from './parseDataContract';
export type { ParseDataContractResult } from './parseDataContract';
export { diffDataContracts } from './diffDataContracts';
export type {
  ChangeSeverity,
  ContractChange,
  ContractChangeKind,
} from './ContractChange';
export { isPii } from './isPii';
export { contractTextNotPath } from './contractTextNotPath';
export { fileLocationsFolder } from './fileLocationsFolder';
export { hiddenSegmentOf } from './hiddenSegmentOf';
export { libraryMetric } from './libraryMetric';
export { matchesContractType } from './matchesContractType';
export { matchesLogicalType } from './matchesLogicalType';
export { readContractYaml, unusableExpansion } from './readContractYaml';
export { columnPaths, contractColumns } from './columnPaths';
export { physicalColumnPath } from './physicalColumnPath';
export { schemaFields } from './schemaFields';
export type { SchemaField } from './schemaFields';
export {
  contractSchemaObject,
  datasetSchemaObject,
  datasetTableNames,
} from './contractSchemaObject';
export { isRecord } from './isRecord';
