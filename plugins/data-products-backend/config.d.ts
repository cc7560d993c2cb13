export interface Config {
  dataProducts?: {
    searchIndex?: {
      /** How often each backend instance rebuilds its search index from the catalog; default 30. */
      refreshSeconds?: number;
    };
  };
}
