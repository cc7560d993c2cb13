export { NodeDetailsPanel } from './NodeDetailsPanel';
