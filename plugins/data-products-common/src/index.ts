/**
 * The DataProduct kind and ODCS data contracts, shared by Meshwork's
 * frontend, backend and CLI.
 *
 * @packageDocumentation
 */
export * from './kinds';
export * from './contract';
export * from './search';
