import { formatShare, someOf } from '@meshwork/plugin-data-products-common';
import {
  describeFailedAssertion,
  describeQualityBreaches,
  type PortDrop,
} from '@meshwork/plugin-lineage-common';
import type {
  RuntimeFinding,
  RuntimeFindings,
} from '../checks/GovernanceCheck';
import type {
  LineageProductDrift,
  LineageProductSlo,
} from './LineageMeasurements';
import { utcMinute } from '../scorecard/utcMinute';

type Port = LineageProductSlo['outputPorts'][number];

const UNITS: Array<[string, number]> = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['min', 60_000],
  ['s', 1000],
];

/**
 * 20 s → "20 s"; 90 s → "1 min 30 s"; 90 min → "1 h 30 min"; 3 days → "3 d";
 * 3 days 2 hours → "3 d 2 h". Every unit that is not zero, to the second (a
 * product's durations are whole seconds): an SLO shown rounded would not say
 * where a write turns late.
 */
function describeMs(ms: number): string {
  let rest = Math.max(0, Math.round(ms / 1000)) * 1000;
  const parts: string[] = [];
  for (const [unit, size] of UNITS) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0) parts.push(`${count} ${unit}`);
  }
  return parts.length ? parts.join(' ') : '0 s';
}

/** Ports' findings a combined message quotes; the rest are counted. */
const MAX_SHOWN_OUTCOMES = 10;

/**
 * One finding from each port's measure: failing when any port breaches,
 * else unknown when a port could not be judged and said why, or lineage has
 * not seen it (another port met does not vouch for it), passing when every
 * port judged met it, absent (unknown) when nothing was measured.
 */
function combine(
  ports: Port[],
  judge: (port: Port) => RuntimeFinding[],
  unseen: RuntimeFinding[],
): RuntimeFinding | undefined {
  const judged = ports.flatMap(judge);
  if (judged.length === 0) return undefined;
  const outcomes = [...judged, ...unseen];
  let status: RuntimeFinding['status'] = 'pass';
  if (outcomes.some(o => o.status === 'fail')) status = 'fail';
  else if (outcomes.some(o => o.status === 'unknown')) status = 'unknown';
  const shown = outcomes.filter(o => o.status === status);
  // A product may have thousands of ports: ten say what is wrong.
  const rest = shown.length - MAX_SHOWN_OUTCOMES;
  const messages = shown.slice(0, MAX_SHOWN_OUTCOMES).map(o => o.message);
  if (rest > 0) messages.push(`And ${rest} more.`);
  return { status, message: messages.join(' ') };
}

function freshnessOf(port: Port) {
  const measure = port.freshness;
  if (!measure || measure.status === 'unknown') return [];
  const slo = `SLO ${describeMs(measure.maxDelayMs)}`;
  let message = `${port.name}: no successful write yet (${slo}).`;
  if (measure.dropped) {
    message = `${port.name}: ${describeDrop(
      measure.dropped,
    )}, no write since (${slo}).`;
  } else if (measure.lastSuccessfulWrite !== undefined) {
    message = `${port.name}: last successful write at ${utcMinute(
      measure.lastSuccessfulWrite,
    )} (${slo}).`;
  } else if (measure.firstFailedWrite) {
    message = `${
      port.name
    }: no successful write since its first failed run, ${utcMinute(
      measure.firstFailedWrite,
    )} (${slo}).`;
  }
  const outcomes: RuntimeFinding[] = [
    { status: measure.status === 'breached' ? 'fail' : 'pass', message },
  ];
  if (
    measure.attainmentStatus === 'breached' &&
    measure.attainment !== undefined &&
    measure.objective !== undefined
  ) {
    outcomes.push({
      status: 'fail',
      message: `${port.name}: fresh ${formatShare(measure.attainment, {
        atLeast: measure.objective,
      })} of the last ${describeMs(measure.windowMs)} (objective ${formatShare(
        measure.objective,
        {},
        4,
      )}).`,
    });
  }
  return outcomes;
}

/** `dropped at <UTC minute> by <job>`: a drop found by a job's run names it. */
function describeDrop(dropped: PortDrop): string {
  const by = dropped.job
    ? ` by ${dropped.job.namespace}/${dropped.job.name}`
    : '';
  return `dropped at ${utcMinute(dropped.at)}${by}`;
}

/** Row counts grouped in thousands, as the SLO card shows them. */
const rowCount = (count: number | undefined) => count?.toLocaleString('en-US');

/**
 * The port's volume as lineage judged it; unknown when its latest write
 * counted no rows (another port's steady load does not vouch for it),
 * nothing while it has too few loads to judge.
 */
function volumeOf(port: Port): RuntimeFinding[] {
  const measure = port.volume;
  const uncounted = measure?.uncountedWrite;
  if (measure?.status === 'unknown' && uncounted) {
    const before = uncounted.rowCountBefore;
    return [
      {
        status: 'unknown',
        message: `${port.name}: the latest write, at ${utcMinute(
          uncounted.endedAt,
        )}, reported no row count${
          before === undefined ? '' : ` (the one before: ${rowCount(before)})`
        }.`,
      },
    ];
  }
  if (!measure || measure.status === 'unknown') return [];
  if (measure.dropped) {
    return [
      {
        status: 'fail',
        message: `${port.name}: no rows, ${describeDrop(measure.dropped)}.`,
      },
    ];
  }
  const { minRatio, maxRatio } = measure.band;
  // No ratio to an average of 0 rows.
  const ratio =
    measure.ratio === undefined
      ? `against an average of ${rowCount(measure.averageRowCount)}`
      : `${measure.ratio}× the average of ${rowCount(measure.averageRowCount)}`;
  return [
    {
      status: measure.status === 'breached' ? 'fail' : 'pass',
      message: `${port.name}: last run wrote ${rowCount(
        measure.latestRowCount,
      )} rows, ${ratio} (band ${minRatio}–${maxRatio}).`,
    },
  ];
}

function schemaOf(port: Port) {
  const measure = port.schema;
  if (!measure || measure.status === 'unknown') return [];
  if (measure.status === 'met') {
    return [
      {
        status: 'pass',
        message: `${port.name}: written schema matches the contract.`,
      } as const,
    ];
  }
  const problems = [
    ...measure.missingColumns.map(c => `column ${c} missing`),
    ...measure.typeChanges.map(
      c => `${c.column} is ${c.observed} (contract: ${c.contract})`,
    ),
  ];
  return [
    {
      status: 'fail',
      message: `${port.name}: ${someOf(problems)}.`,
    } as const,
  ];
}

const rulesCount = (count: number) =>
  `${count} quality rule${count === 1 ? '' : 's'}`;

/**
 * The port's quality as lineage judged it; unknown saying why when it has
 * rules it could not judge, nothing when it has neither rules nor reports.
 */
function qualityOf(port: Port): RuntimeFinding[] {
  const measure = port.quality;
  if (!measure) return [];
  const { rules } = measure;
  if (measure.status === 'breached') {
    const problems = [
      ...describeQualityBreaches(rules),
      ...measure.failedAssertions.map(a =>
        describeFailedAssertion(a, 'failed'),
      ),
    ];
    return [{ status: 'fail', message: `${port.name}: ${someOf(problems)}.` }];
  }
  if (measure.status === 'met') {
    return [
      {
        status: 'pass',
        message: rules.length
          ? `${port.name}: ${rulesCount(rules.length)} met.`
          : `${port.name}: quality assertions passed.`,
      },
    ];
  }
  if (measure.staleReportedAt) {
    return [
      {
        status: 'unknown',
        message: `${port.name}: quality last reported ${utcMinute(
          measure.staleReportedAt,
        )}, before the SLO window.`,
      },
    ];
  }
  const unmeasured = rules
    .filter(r => r.status === 'unknown')
    .map(r => `${r.column} ${r.metric}`);
  if (unmeasured.length === 0) return [];
  return [
    {
      status: 'unknown',
      message: `${port.name}: ${
        rules.length - unmeasured.length
      } of ${rulesCount(rules.length)} met; not measured: ${someOf(
        unmeasured,
      )}.`,
    },
  ];
}

/**
 * Turns what the lineage backend measured for a product into findings for
 * the runtime checks. A product none of whose output ports lineage has seen
 * gets no findings: those checks stay unknown. One it has seen in part is
 * not passed on the ports seen alone.
 */
export function runtimeFindingsOf(
  slo: LineageProductSlo | undefined,
  drift: LineageProductDrift | undefined,
): RuntimeFindings {
  const ports = slo?.outputPorts ?? [];
  const observed = ports.filter(port => port.observed);
  if (observed.length === 0) return {};
  const unseen = ports.flatMap(port =>
    port.observed
      ? []
      : [
          {
            status: 'unknown',
            message: `${port.name}: no OpenLineage event mentions its dataset yet.`,
          } as const,
        ],
  );
  const findings: RuntimeFindings = {
    freshness: combine(observed, freshnessOf, unseen),
    volume: combine(observed, volumeOf, unseen),
    quality: combine(observed, qualityOf, unseen),
    schemaDrift: combine(observed, schemaOf, unseen),
  };
  if (drift?.observed) {
    const undeclared = drift.undeclaredInputs.map(
      input =>
        input.product ?? `${input.dataset.namespace}/${input.dataset.name}`,
    );
    findings.undeclaredDependencies = undeclared.length
      ? {
          status: 'fail',
          message: `Reads ${someOf([
            ...new Set(undeclared),
          ])} without an input port.`,
        }
      : { status: 'pass', message: 'Reads only what its input ports declare.' };
  }
  return findings;
}
