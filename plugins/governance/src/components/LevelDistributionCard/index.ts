export { LevelDistributionCard } from './LevelDistributionCard';
