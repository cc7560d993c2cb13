/**
 * Data products backend: fast search over products, datasets and columns.
 *
 * @packageDocumentation
 */
export { dataProductsPlugin as default } from './plugin';
