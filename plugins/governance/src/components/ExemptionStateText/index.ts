export { ExemptionStateText } from './ExemptionStateText';
