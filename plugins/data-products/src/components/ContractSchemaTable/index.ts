export { ContractSchemaTable } from './ContractSchemaTable';
