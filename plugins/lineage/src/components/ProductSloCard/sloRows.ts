import { formatShare } from '@meshwork/plugin-data-products-common';
import { formatTime } from '@meshwork/plugin-data-products-common';
import {
  describeFailedAssertion,
  describeQualityBreach,
} from '@meshwork/plugin-lineage-common';
import type { PortSlo, SloStatus } from '../../api';
import { formatDuration } from '../../graph/formatDuration';
import type { ProductRun } from '../ProductRunsCard/loadProductRuns';

export type SloRow = {
  port: string;
  slo: 'freshness' | 'volume' | 'schema drift' | 'quality';
  status: SloStatus;
  lastValue: string;
  attainment?: string;
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
 * quality.
 * `windowMs` is the window the card names; freshness attainment measured
 * over another says so.
 */
export function sloRows(
  port: PortSlo,
  runs: ProductRun[],
  windowMs: number,
): SloRow[] {
  const rows: SloRow[] = [];
  const runsOfPort = runs.filter(run => run.ports.includes(port.name));
  const latestFailed = runsOfPort.find(isFailed);
  const latestComplete = runsOfPort.find(r => r.state === 'COMPLETE');
  const completedCause = latestComplete && {
    run: latestComplete,
    note: 'Reported by the latest successful run',
  };
  const { freshness, volume, schema, quality } = port;
  if (freshness) {
    const breached =
      freshness.status === 'breached' ||
      freshness.attainmentStatus === 'breached';
    rows.push({
      port: port.name,
      slo: 'freshness',
      status: breached ? 'breached' : freshness.status,
      lastValue:
        freshness.ageMs === undefined
          ? `never written${
              freshness.firstFailedWrite
                ? `, failing since ${formatTime(
                    freshness.firstFailedWrite,
                  )} (max ${formatDuration(freshness.maxDelayMs)})`
                : ''
            }`
          : `last write ${formatDuration(
              freshness.ageMs,
            )} ago (max ${formatDuration(freshness.maxDelayMs)})`,
      attainment:
        freshness.attainment === undefined
          ? undefined
          : `${formatShare(freshness.attainment, {
              atLeast: freshness.objective,
            })}${
              freshness.objective === undefined
                ? ''
                : ` of ${formatShare(freshness.objective, {}, 4)} objective`
            }${
              freshness.windowMs === windowMs
                ? ''
                : `, over ${formatDuration(freshness.windowMs)}`
            }`,
      cause: breached ? freshnessCause(freshness, latestFailed) : undefined,
    });
  }
  if (volume) {
    rows.push({
      port: port.name,
      slo: 'volume',
      status: volume.status,
      lastValue: volumeValue(volume),
      cause: volume.status === 'breached' ? completedCause : undefined,
    });
  }
  if (schema && schema.status !== 'unknown') {
    const changes = [
      ...schema.missingColumns.map(c => `${c} missing`),
      ...schema.typeChanges.map(
        c => `${c.column} ${c.contract} → ${c.observed}`,
      ),
    ];
    rows.push({
      port: port.name,
      slo: 'schema drift',
      status: schema.status,
      lastValue: changes.length ? changes.join(', ') : 'matches the contract',
      cause: schema.status === 'breached' ? completedCause : undefined,
    });
  }
  const unmeasured = (quality?.rules ?? []).filter(r => r.status === 'unknown');
  const measuredRules = (quality?.rules.length ?? 0) - unmeasured.length;
  // Shown once a rule is declared or anything was measured, with what was not.
  if (
    quality &&
    (quality.status !== 'unknown' ||
      quality.rules.length > 0 ||
      quality.staleReportedAt)
  ) {
    // Warnings after failures: they breach nothing, yet someone may look.
    const listed = [
      ...quality.rules
        .filter(r => r.status === 'breached')
        .map(describeQualityBreach),
      ...quality.failedAssertions.map(a =>
        describeFailedAssertion(a, 'failed'),
      ),
      ...(quality.warnedAssertions ?? []).map(a =>
        describeFailedAssertion(a, 'warned'),
      ),
    ];
    let summary = 'assertions passed';
    if (listed.length) summary = listed.join(', ');
    else if (quality.rules.length) {
      const rules = quality.rules.length;
      summary = `${measuredRules} of ${rules} ${
        rules === 1 ? 'rule' : 'rules'
      } met`;
    }
    if (quality.staleReportedAt) {
      const stale = `last reported ${formatTime(
        quality.staleReportedAt,
      )}, before the SLO window`;
      summary = listed.length ? `${summary}; ${stale}` : stale;
    } else if (unmeasured.length) {
      const names = unmeasured.map(r => `${r.column} ${r.metric}`).join(', ');
      summary =
        measuredRules === 0 && !listed.length
          ? `not reported yet: ${names}`
          : `${summary}; not measured: ${names}`;
    }
    rows.push({
      port: port.name,
      slo: 'quality',
      status: quality.status,
      lastValue: summary,
      cause: quality.status === 'breached' ? completedCause : undefined,
    });
  }
  return rows;
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

/** The latest write's rows against the average, or why they are not known. */
function volumeValue(volume: NonNullable<PortSlo['volume']>): string {
  const { uncountedWrite } = volume;
  if (uncountedWrite) {
    const before = uncountedWrite.rowCountBefore;
    return `no row count from the latest write (${formatTime(
      uncountedWrite.endedAt,
    )})${
      before === undefined
        ? ''
        : `; the write before: ${before.toLocaleString('en-US')} rows`
    }`;
  }
  if (volume.latestRowCount === undefined) return 'no row counts reported';
  return `${volume.latestRowCount.toLocaleString('en-US')} rows${
    volume.ratio === undefined
      ? ''
      : `, ${volume.ratio}× the average (allowed ${volume.band.minRatio}–${volume.band.maxRatio})`
  }`;
}
