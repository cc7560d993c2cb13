import { Named } from './facetValues';

/**
 * A port written by `job`; `upstream` when reached through what it reads;
 * `reads` when `job` writes nothing and reads the port (a quality check).
 * No `job` for a port's own table that no job writes now (loaded without
 * lineage, say).
 */
export type PortWrite = {
  job?: Named;
  datasetId: number;
  upstream?: true;
  reads?: true;
};
