export type {
  LineageDirection,
  LineageEdge,
  LineageGraph,
  LineageNode,
  MarquezLineageGraph,
  MarquezLineageNode,
} from './LineageGraph';
