export { ProductGovernanceContent } from './ProductGovernanceContent';
