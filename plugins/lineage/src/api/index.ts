export { lineageApiRef } from './LineageApi';
export type { LineageApi, GraphQuery } from './LineageApi';
export { LineageClient } from './LineageClient';
export type * from './types';
