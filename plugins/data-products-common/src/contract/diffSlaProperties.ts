import type { ContractChange } from './ContractChange';
import type { DataContract, SlaProperty } from './DataContract';
import { compareSlaValues } from './compareSlaValues';

/**
 * An SLA is identified by its property, the element it applies to (the
 * contract's `slaDefaultElement` when it names none) and its driver: ODCS
 * allows e.g. two `timeOfAvailability` entries, regulatory and analytics.
 * Repeats of the same identity are told apart by their order.
 */
function keyed(contract: DataContract) {
  const counts = new Map<string, number>();
  return new Map(
    contract.slaProperties.map(sla => {
      const element = sla.element ?? contract.slaDefaultElement ?? '';
      const identity = [
        sla.property.toLowerCase(),
        element,
        sla.driver ?? '',
      ].join('|');
      const count = (counts.get(identity) ?? 0) + 1;
      counts.set(identity, count);
      const where = `slaProperties.${sla.property}${
        element ? `[${element}]` : ''
      }${sla.driver ? `[${sla.driver}]` : ''}`;
      return [`${identity}#${count}`, { sla, where }] as const;
    }),
  );
}

function show(sla: SlaProperty): string {
  const value =
    typeof sla.value === 'string' ? sla.value : JSON.stringify(sla.value);
  return sla.unit ? `${value} ${sla.unit}` : value;
}

function same(a: SlaProperty, b: SlaProperty): boolean {
  return (
    a.value === b.value &&
    a.unit === b.unit &&
    JSON.stringify(a.valueExt) === JSON.stringify(b.valueExt)
  );
}

/** SLAs removed or weakened are promises taken back from consumers. */
export function diffSlaProperties(
  before: DataContract,
  after: DataContract,
): ContractChange[] {
  const changes: ContractChange[] = [];
  const old = keyed(before);
  const current = keyed(after);
  for (const [key, { sla, where }] of old) {
    const match = current.get(key)?.sla;
    if (!match) {
      changes.push({
        kind: 'sla-removed',
        severity: 'breaking',
        path: where,
        message: `SLA ${sla.property} (${show(
          sla,
        )}) was removed: consumers lose that promise.`,
        before: sla,
      });
      continue;
    }
    if (same(sla, match)) {
      continue;
    }
    const outcome = compareSlaValues(sla, match);
    if (outcome === 'weaker') {
      changes.push({
        kind: 'sla-weakened',
        severity: 'breaking',
        path: where,
        message: `SLA ${sla.property} was weakened from ${show(sla)} to ${show(
          match,
        )}.`,
        before: sla,
        after: match,
      });
    } else if (
      outcome !== 'same' ||
      JSON.stringify(sla.valueExt) !== JSON.stringify(match.valueExt)
    ) {
      changes.push({
        kind: 'sla-changed',
        severity: outcome === 'unknown' ? 'warning' : 'info',
        path: where,
        message:
          outcome === 'unknown'
            ? `SLA ${sla.property} changed from ${show(sla)} to ${show(
                match,
              )}; check whether consumers get less.`
            : `SLA ${sla.property} changed from ${show(sla)} to ${show(
                match,
              )}, which is not weaker.`,
        before: sla,
        after: match,
      });
    }
  }
  for (const [key, { sla, where }] of current) {
    if (!old.has(key)) {
      changes.push({
        kind: 'sla-added',
        severity: 'info',
        path: where,
        message: `SLA ${sla.property} (${show(sla)}) was added.`,
        after: sla,
      });
    }
  }
  return changes;
}
