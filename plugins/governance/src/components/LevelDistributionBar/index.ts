export { LevelDistributionBar } from './LevelDistributionBar';
