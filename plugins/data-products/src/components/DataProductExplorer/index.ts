export { DataProductExplorer } from './DataProductExplorer';
