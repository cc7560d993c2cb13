/**
 * The lineage backend plugin: OpenLineage receiver, store and graph API.
 *
 * @packageDocumentation
 */
export { lineagePlugin as default } from './plugin';
