export { AsyncInfoCard } from './AsyncInfoCard';
export type { AsyncValue } from './AsyncInfoCard';
