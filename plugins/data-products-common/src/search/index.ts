export { DataProductSearchIndex } from './DataProductSearchIndex';
export type {
  DataProductSearchMatch,
  DataProductSearchResult,
} from './DataProductSearchIndex';
