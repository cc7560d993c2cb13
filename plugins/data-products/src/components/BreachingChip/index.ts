export { BreachingChip } from './BreachingChip';
