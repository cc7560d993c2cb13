export { GovernanceScorecardCard } from './GovernanceScorecardCard';
