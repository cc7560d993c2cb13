type Dataset = { namespace: string; name: string };

/** Product lineage: `source` feeds `target` through `datasets`. */
export type ProductEdge = {
  source: string;
  target: string;
  datasets: Dataset[];
  /** Seen in runtime lineage, declared as an input port, or both. */
  observed: boolean;
  declared: boolean;
};

/** Where a product's runtime lineage and its declared input ports disagree. */
export type ProductDrift = {
  product: string;
  /**
   * Another product's dataset its pipeline reads (within the backend's read
   * window, default 30 days) but not declared as an input port.
   */
  undeclaredInputs: Array<{ product?: string; dataset: Dataset }>;
  /** Declared input ports its pipeline has not read within that window. */
  unseenInputs: Array<{ port: string; from?: string; dataset?: Dataset }>;
};

/** `GET /products/graph`: product lineage and every product's drift. */
export type ProductGraph = { edges: ProductEdge[]; drift: ProductDrift[] };
