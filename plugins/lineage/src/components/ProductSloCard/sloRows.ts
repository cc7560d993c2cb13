import { formatTime } from '@meshwork/plugin-data-products-common';
import {
  describeSloMeasures,
  type SloMeasureText,
} from '@meshwork/plugin-lineage-common';
import type { PortSlo } from '../../api';
import type { ProductRun } from '../ProductRunsCard/loadProductRuns';

export type SloRow = SloMeasureText & {
  port: string;
  /** The run that caused a breach, or the reason when no run did. */
  cause?: { run?: ProductRun; note: string };
};

const isFailed = (run: ProductRun) =>
  run.state === 'FAIL' || run.state === 'ABORT';

/**
 * One row per measured SLO of a port, in words, with the run behind a
 * breach, of a job writing that port: for freshness the latest run that
 * failed since the last successful write (else the wait since it; none when
 * the data is fresh now), the latest successful run for volume, schema and
 * quality; for data dropped since its last write, the run that dropped it.
 * `windowMs` is the window the card names; freshness attainment measured
 * over another says so.
 */
export function sloRows(
  port: PortSlo,
  runs: ProductRun[],
  windowMs: number,
): SloRow[] {
  const runsOfPort = runs.filter(run => run.ports.includes(port.name));
  const latestFailed = runsOfPort.find(isFailed);
  const latestComplete = runsOfPort.find(r => r.state === 'COMPLETE');
  const completedCause = latestComplete && {
    run: latestComplete,
    note: 'Reported by the latest successful run',
  };
  return describeSloMeasures(port, windowMs).map(measure => {
    let cause: SloRow['cause'];
    const dropped =
      (measure.slo === 'freshness' && port.freshness?.dropped) ||
      (measure.slo === 'volume' && port.volume?.dropped);
    if (measure.status === 'breached') {
      if (dropped) cause = dropCause(dropped, runsOfPort);
      else if (measure.slo === 'freshness' && port.freshness) {
        cause = freshnessCause(port.freshness, latestFailed);
      } else cause = completedCause;
    }
    return { port: port.name, ...measure, cause };
  });
}

/**
 * The run that dropped the port's data, by its id, if among the product's
 * runs; none for a dataset event, which no run sent.
 */
function dropCause(
  dropped: NonNullable<NonNullable<PortSlo['freshness']>['dropped']>,
  runs: ProductRun[],
): SloRow['cause'] {
  const { job } = dropped;
  if (!job) return { note: 'Dropped by a dataset event' };
  const run = runs.find(r => r.runId === dropped.runId);
  return {
    run,
    note: dropped.renamedTo
      ? 'The run that renamed the data away'
      : 'The run that dropped the data',
  };
}

/**
 * Why the data is stale: the latest run that failed since the last
 * successful write, else the wait since it. Fresh now, with too little of
 * the window fresh, no one run is to blame.
 */
function freshnessCause(
  freshness: NonNullable<PortSlo['freshness']>,
  latestFailed: ProductRun | undefined,
): SloRow['cause'] {
  if (freshness.status === 'met') {
    return { note: 'Fresh now; stale for too long earlier in the window' };
  }
  const failedSince =
    latestFailed &&
    (!freshness.lastSuccessfulWrite ||
      Date.parse(latestFailed.endedAt ?? latestFailed.firstEventAt) >
        Date.parse(freshness.lastSuccessfulWrite));
  if (failedSince) return { run: latestFailed, note: 'Latest failed run' };
  return {
    note: freshness.lastSuccessfulWrite
      ? `No successful write since ${formatTime(freshness.lastSuccessfulWrite)}`
      : 'No successful write in the window',
  };
}
