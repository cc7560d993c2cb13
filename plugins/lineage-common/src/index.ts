/**
 * OpenLineage events, lineage node ids, graph types and the downstream impact
 * of a product, shared by Meshwork's lineage backend and frontends.
 *
 * @packageDocumentation
 */
export * from './events';
export * from './nodeId';
export * from './graph';
export * from './products';
export { groupBy } from './groupBy';
