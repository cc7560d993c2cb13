export { LineageExplorer } from './LineageExplorer';
