export { ExemptionFormDialog } from './ExemptionFormDialog';
