export { GrantExemptionDialog } from './GrantExemptionDialog';
