export { LevelLegend } from './LevelLegend';
