/**
 * A data product that a job or dataset seen at runtime belongs to: the job
 * writes one of the product's output ports, or the dataset is written by a
 * job that does.
 */
export type RuntimeProductMatch = {
  entityRef: string;
  /** The output port the job writes. */
  port: string;
  /** The job or dataset whose name or namespace holds the searched text. */
  via: { type: 'job' | 'dataset'; namespace: string; name: string };
  /** The job writing the port: `via` itself when a job matched. */
  job: { namespace: string; name: string };
  /** Whether `via` is named the searched text, whatever the case. */
  exact: boolean;
};
