import type { PropertyDefinition } from './DataContract';

/**
 * How restricted each common classification is. ODCS leaves the values
 * free, so anything else cannot be ranked.
 */
const RANK = new Map<string, number>([
  ['public', 0],
  ['internal', 1],
  ['confidential', 2],
  ['sensitive', 2],
  ['restricted', 3],
  ['pii', 3],
]);

/**
 * Whether the property became more restrictive: it is PII now and was not
 * before, or both classifications are known and the new one ranks higher
 * (e.g. internal → restricted). A classification appearing where there was
 * none counts only when it makes the property PII.
 */
export function isMoreRestrictive(
  before: PropertyDefinition,
  after: PropertyDefinition,
): boolean {
  if (after.isPii && !before.isPii) {
    return true;
  }
  const a = RANK.get(before.classification?.toLowerCase() ?? '');
  const b = RANK.get(after.classification?.toLowerCase() ?? '');
  return a !== undefined && b !== undefined && b > a;
}
