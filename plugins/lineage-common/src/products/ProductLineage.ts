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
  /** Another product's dataset its pipeline reads but does not declare as an input port. */
  undeclaredInputs: Array<{ product?: string; dataset: Dataset }>;
  /**
   * Whether lineage has seen a job write one of its output ports: until
   * then no declared input can be judged unread, and none is listed.
   */
  observed: boolean;
  /** Declared input ports its pipeline has not read. */
  unseenInputs: Array<{ port: string; from?: string; dataset?: Dataset }>;
  /**
   * What counts as read: what the pipeline read within this many days of
   * its newest write.
   */
  readWindowDays: number;
};

/** `GET /products/graph`: product lineage and every product's drift. */
export type ProductGraph = { edges: ProductEdge[]; drift: ProductDrift[] };
