/** What a transaction finds stored, cached once it commits. */
export type LearnedIds = {
  datasets: Array<[string, number]>;
  jobs: Array<[string, number]>;
  namespaces: string[];
  schemaHashes: string[];
};
