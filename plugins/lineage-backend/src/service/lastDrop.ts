import type { Named } from '../store/facetValues';
import type { LineageReader } from '../store/LineageReader';
import type { ProductMeasurements } from '../store/ProductMeasurements';

/**
 * When a dataset was dropped, and by which job and run: none for a
 * dataset event, nor a time if the change emptying it last was not that
 * drop.
 */
export type DatasetDrop = { at?: string; job?: Named; runId?: string };

/**
 * The drop a dataset's latest write was, if it was one: by the rule of
 * Marquez's `lastLifecycleState` (see lastLifecycleStates), so that a
 * later write undoes it, and dated by the latest change emptying the
 * dataset (see lastEmptying), as its SLOs date it.
 */
export async function lastDrop(
  reader: Pick<LineageReader, 'lastLifecycleStates'>,
  measurements: Pick<ProductMeasurements, 'lastEmptying'>,
  datasetId: number,
  seenBy: number,
): Promise<DatasetDrop | undefined> {
  const state = (await reader.lastLifecycleStates([datasetId])).get(datasetId);
  if (state !== 'DROP') return undefined;
  const emptying = await measurements.lastEmptying([datasetId], 0, seenBy);
  // A rename away ends the name as a drop does, but is not this drop.
  if (emptying?.change !== 'DROP' || emptying.renamedTo) return {};
  return {
    at: new Date(emptying.time).toISOString(),
    job: emptying.job,
    runId: emptying.runId,
  };
}
