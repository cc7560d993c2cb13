/**
 * Catalog backend module for Meshwork data products.
 *
 * @packageDocumentation
 */
export { catalogModuleDataProducts as default } from './module';
export { searchModuleDataProductColumns } from './searchModule';
export { DataProductEntitiesProcessor } from './processor/DataProductEntitiesProcessor';
export { IdentifierLunrSearchEngine } from './IdentifierLunrSearchEngine';
export { identifierPgSearchTerm } from './identifierPgSearchTerm';
export { dataProductCollatorEntityTransformer } from './dataProductCollatorEntityTransformer';
