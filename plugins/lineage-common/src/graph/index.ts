export type {
  DatasetName,
  DatasetType,
  JobType,
  LineageEdge,
  LineageGraph,
  LineageNode,
  MarquezLineageGraph,
  MarquezLineageNode,
} from './LineageGraph';
export { mainTransformation } from './mainTransformation';
export type { ColumnTransformation } from './mainTransformation';
