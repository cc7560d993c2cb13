export { DataProductContractsContent } from './DataProductContractsContent';
