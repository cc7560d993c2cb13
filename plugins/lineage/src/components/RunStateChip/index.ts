export { RunStateChip } from './RunStateChip';
