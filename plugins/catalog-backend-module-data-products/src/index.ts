/**
 * Catalog backend module for Meshwork data products.
 *
 * @packageDocumentation
 */
export { catalogModuleDataProducts as default } from './module';
export { DataProductEntitiesProcessor } from './processor/DataProductEntitiesProcessor';
