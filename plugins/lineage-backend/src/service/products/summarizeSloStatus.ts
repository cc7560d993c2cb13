import type {
  ProductSloStatus,
  SloStatus,
} from '@meshwork/plugin-lineage-common';

type PortMeasures = {
  freshness?: { status: SloStatus; attainmentStatus?: SloStatus };
  volume?: { status: SloStatus };
  schema?: { status: SloStatus };
  quality?: { status: SloStatus; rules?: unknown[]; staleReportedAt?: string };
};

const LABELS: Record<keyof PortMeasures, string> = {
  freshness: 'freshness',
  volume: 'volume',
  schema: 'schema drift',
  quality: 'quality',
};

/**
 * Whether a port declares the measure: freshness and volume are there only
 * when the product sets them; quality when a rule is set or a report is
 * stale. Schema drift is unknown as well for a contract without columns, so
 * its unknown is not told apart.
 */
function declared(measures: PortMeasures, key: keyof PortMeasures) {
  if (key === 'schema') return false;
  if (key === 'quality') {
    const { quality } = measures;
    return Boolean(quality?.rules?.length || quality?.staleReportedAt);
  }
  return measures[key] !== undefined;
}

/** One product's measured SLOs, over all its output ports, in a word. */
export function summarizeSloStatus(
  ports: Array<
    PortMeasures & {
      name?: string;
      /** False for a port whose dataset no OpenLineage event mentions. */
      observed?: boolean;
    }
  >,
): ProductSloStatus {
  const breaching = new Set<string>();
  const unobserved = ports.flatMap(port =>
    port.observed === false && port.name ? [port.name] : [],
  );
  const unjudged: string[] = [];
  let met = false;
  for (const port of ports) {
    for (const key of Object.keys(LABELS) as Array<keyof PortMeasures>) {
      const status = port[key]?.status;
      if (status === 'unknown' && declared(port, key)) {
        unjudged.push(
          port.name ? `${LABELS[key]} of ${port.name}` : LABELS[key],
        );
      }
      if (status === 'breached') breaching.add(LABELS[key]);
      else if (
        key === 'freshness' &&
        port.freshness?.attainmentStatus === 'breached'
      ) {
        // Fresh now: on-call should not look for data late now.
        breaching.add('freshness objective');
      }
      if (status === 'met') met = true;
    }
  }
  if (breaching.size > 0) {
    return {
      status: 'breaching',
      breaching: [...breaching],
      unobserved,
      unjudged,
    };
  }
  return {
    status: met ? 'ok' : 'unknown',
    breaching: [],
    unobserved,
    unjudged,
  };
}
