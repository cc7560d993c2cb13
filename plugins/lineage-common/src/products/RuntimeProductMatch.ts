type Named = { namespace: string; name: string };

type RuntimeMatchOf = {
  entityRef: string;
  /** The job or dataset whose name or namespace holds the searched text. */
  via: { type: 'job' | 'dataset'; namespace: string; name: string };
  /** Whether `via` is named the searched text, whatever the case. */
  exact: boolean;
};

/**
 * A data product that a job or dataset seen at runtime belongs to: the job
 * writes one of the product's output ports, or the dataset is written by a
 * job that does; or, `upstream`, that it feeds; or, `reads`, a job writing
 * nothing that reads it; or, `declared`, the job is one the product names
 * in its `meshwork.dev/openlineage-jobs` annotation, or a child of one, or
 * the dataset is a table such a job writes now.
 */
export type RuntimeProductMatch = RuntimeMatchOf &
  (
    | {
        /** The output port the job writes. */
        port: string;
        /**
         * The job writing the port: `via` when a job writing it matched,
         * else one of the matched job's child jobs (its DAG's tasks) or of
         * the matched dataset's writers; with `upstream`, a job downstream
         * of `via`. None for a port's own table that no job writes now
         * (loaded without lineage, say).
         */
        job?: Named;
        /**
         * `via` writes none of the product's ports: what it writes (or, a
         * dataset, it) is read by `job`, or by a job feeding `job`, at most
         * three jobs upstream of the port. A break there reaches the port.
         */
        upstream?: true;
        /**
         * `via` is a job that writes nothing and reads the port (a quality
         * check, an export): `job` is that job, or a child of it, reading
         * the port.
         */
        reads?: true;
        declared?: never;
      }
    | {
        /**
         * The job the product names that `via` is, or is a child of (the
         * DAG of a task typed), or whose `job` writes `via`, a table.
         */
        declared: Named;
        /** The job writing `via`, when it is a table. */
        job?: Named;
        port?: never;
        upstream?: never;
        reads?: never;
      }
  );

/** What the lineage backend's `GET /products/search` answers. */
export type RuntimeProductSearch = {
  items: RuntimeProductMatch[];
  /**
   * A cap on what one search reads (names, a DAG's tasks, tables
   * downstream) left out some that might lead to more products. Absent
   * when none did.
   */
  partial?: true;
};
