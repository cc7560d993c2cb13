export { ExemptionApproval } from './ExemptionApproval';
