export { RevokeExemptionDialog } from './RevokeExemptionDialog';
