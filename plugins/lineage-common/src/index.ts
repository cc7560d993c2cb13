/**
 * OpenLineage events, lineage node ids and graph types, shared by Meshwork's
 * lineage backend and frontend.
 *
 * @packageDocumentation
 */
export * from './events';
export * from './nodeId';
export * from './graph';
