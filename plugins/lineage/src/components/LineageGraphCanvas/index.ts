export { LineageGraphCanvas } from './LineageGraphCanvas';
