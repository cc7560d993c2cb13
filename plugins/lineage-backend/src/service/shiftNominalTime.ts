import { parseEventTime } from '@meshwork/plugin-lineage-common';

const NOMINAL_TIMES = ['nominalStartTime', 'nominalEndTime'];

/**
 * Run facets with the times of their `nominalTime` facet (when the run was
 * scheduled) moved by `shiftMs`: for an example run moved in time, so that
 * its schedule still agrees with when it ran.
 */
export function shiftNominalTime(
  facets: Record<string, unknown> | null | undefined,
  shiftMs: number,
): Record<string, unknown> | null | undefined {
  const nominal = facets?.nominalTime;
  if (
    typeof nominal !== 'object' ||
    nominal === null ||
    Array.isArray(nominal)
  ) {
    return facets;
  }
  const moved: Record<string, unknown> = { ...nominal };
  for (const name of NOMINAL_TIMES) {
    const value = moved[name];
    // As the store reads event times: one with no offset is UTC, not the
    // server's local time.
    const time = typeof value === 'string' ? parseEventTime(value) : undefined;
    if (time !== undefined) {
      moved[name] = new Date(time + shiftMs).toISOString();
    }
  }
  return { ...facets, nominalTime: moved };
}
