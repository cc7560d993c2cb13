import {
  formatDuration,
  formatShare,
  formatTime,
  someOf,
} from '@meshwork/plugin-data-products-common';
import { describeFailedAssertion } from './describeFailedAssertion';
import { describeQualityBreaches } from './describeQualityBreaches';
import type { PortDrop, PortSlo, SloStatus } from './ProductSlo';

/** One measured SLO of a port, in words. */
export type SloMeasureText = {
  slo: 'freshness' | 'volume' | 'schema drift' | 'quality';
  /** For freshness, breached when stale now or fresh too little of the window. */
  status: SloStatus;
  /** What was measured against its limit: `last write 2h ago (max 30m)`. */
  lastValue: string;
  /** For freshness, the share of the window it was fresh. */
  attainment?: string;
};

/**
 * Each measured SLO of a port in words, as the product page's SLO card and
 * the on-call finder both show them. `windowMs` is the window the reader is
 * told of; freshness attainment measured over another says so.
 */
export function describeSloMeasures(
  port: PortSlo,
  windowMs: number,
): SloMeasureText[] {
  const measures: SloMeasureText[] = [];
  const { freshness, volume, schema, quality } = port;
  if (freshness) {
    const breached =
      freshness.status === 'breached' ||
      freshness.attainmentStatus === 'breached';
    measures.push({
      slo: 'freshness',
      status: breached ? 'breached' : freshness.status,
      lastValue:
        freshness.ageMs === undefined
          ? neverWritten(freshness)
          : `${
              freshness.dropped
                ? `${describeDrop(freshness.dropped)}; last write before it`
                : 'last write'
            } ${formatDuration(freshness.ageMs)} ago (max ${formatDuration(
              freshness.maxDelayMs,
            )})`,
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
    });
  }
  if (volume) {
    measures.push({
      slo: 'volume',
      status: volume.status,
      lastValue: volumeValue(volume),
    });
  }
  if (schema && schema.status !== 'unknown') {
    const changes = [
      ...schema.missingColumns.map(c => `${c} missing`),
      ...schema.typeChanges.map(
        c => `${c.column} ${c.contract} → ${c.observed}`,
      ),
    ];
    // A renamed column is missing under its old name and written under its
    // new one: both halves tell what happened.
    const extra = schema.extraColumns.length
      ? `; also written: ${someOf(schema.extraColumns)} (not in the contract)`
      : '';
    measures.push({
      slo: 'schema drift',
      status: schema.status,
      lastValue: `${
        changes.length ? changes.join(', ') : 'matches the contract'
      }${extra}`,
    });
  }
  // Shown once a rule is declared or anything was measured, with what was not.
  if (
    quality &&
    (quality.status !== 'unknown' ||
      quality.rules.length > 0 ||
      quality.staleReportedAt)
  ) {
    measures.push({
      slo: 'quality',
      status: quality.status,
      lastValue: qualityValue(quality),
    });
  }
  return measures;
}

function neverWritten(freshness: NonNullable<PortSlo['freshness']>): string {
  const failing = freshness.firstFailedWrite
    ? `, failing since ${formatTime(
        freshness.firstFailedWrite,
      )} (max ${formatDuration(freshness.maxDelayMs)})`
    : '';
  return `never written${failing}`;
}

/**
 * `dropped <time> by <job>`, or `renamed to <dataset> <time> by <job>`,
 * the job's namespace and name as lineage shows them.
 */
function describeDrop(dropped: PortDrop): string {
  const by = dropped.job
    ? ` by ${dropped.job.namespace}/${dropped.job.name}`
    : '';
  const what = dropped.renamedTo
    ? `renamed to ${dropped.renamedTo.namespace}/${dropped.renamedTo.name}`
    : 'dropped';
  return `${what} ${formatTime(dropped.at)}${by}`;
}

/** The latest write's rows against the average, or why they are not known. */
function volumeValue(volume: NonNullable<PortSlo['volume']>): string {
  const { uncountedWrite } = volume;
  if (volume.dropped) return `no rows: ${describeDrop(volume.dropped)}`;
  if (volume.streamed) {
    return 'not judged: written by a stream, whose runs never complete a load to count';
  }
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

/** The breaches and failed assertions, else how many rules were met. */
function qualityValue(quality: NonNullable<PortSlo['quality']>): string {
  const unmeasured = quality.rules.filter(r => r.status === 'unknown');
  const measuredRules = quality.rules.length - unmeasured.length;
  // Warnings after failures: they breach nothing, yet someone may look.
  const listed = [
    ...describeQualityBreaches(quality.rules),
    ...quality.failedAssertions.map(a => describeFailedAssertion(a, 'failed')),
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
    return listed.length ? `${summary}; ${stale}` : stale;
  }
  if (unmeasured.length) {
    const names = unmeasured.map(r => `${r.column} ${r.metric}`).join(', ');
    return measuredRules === 0 && !listed.length
      ? `not reported yet: ${names}`
      : `${summary}; not measured: ${names}`;
  }
  return summary;
}
