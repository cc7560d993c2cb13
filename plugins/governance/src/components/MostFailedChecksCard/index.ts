export { MostFailedChecksCard } from './MostFailedChecksCard';
