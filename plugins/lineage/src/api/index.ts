export { lineageApiRef } from './LineageApi';
export type { LineageApi, GraphQuery, SearchResult } from './LineageApi';
export { LineageClient } from './LineageClient';
export type * from './types';
