import type { QualityRuleSpec } from './ProductSlo';

type MeasuredRule = QualityRuleSpec & { value?: number };

/** A measure as read: rates and percent bounds come with float noise; counts do not. */
const shown = (value: number) =>
  Number.isInteger(value) ? value : Number(value.toPrecision(4));

/** The bound a rule's value crossed, in words. */
function crossedBound({
  value,
  min,
  max,
  minExclusive,
  maxExclusive,
}: MeasuredRule): { words: string; bound: number } | undefined {
  if (value === undefined) return undefined;
  if (max !== undefined && (value > max || (maxExclusive && value === max))) {
    return { words: maxExclusive ? 'less than' : 'at most', bound: max };
  }
  if (min !== undefined && (value < min || (minExclusive && value === min))) {
    return { words: minExclusive ? 'more than' : 'at least', bound: min };
  }
  return undefined;
}

/**
 * A breached rule with the bound its value crossed and where the rule is
 * declared, as the product page and governance both word it:
 * `customer_id nullRate 0.05 (must be less than 0.03, contract)`. The
 * product's SLOs and the port's contract may both bound a column, each its
 * own way (see describeQualityBreaches). `declaredIn` names where, when the
 * rule's own source does not say it well enough.
 */
export function describeQualityBreach(
  rule: MeasuredRule,
  declaredIn: string | undefined = rule.source,
): string {
  const crossed = crossedBound(rule);
  // Rounded, a value may read as the bound it crossed: then in full.
  const value =
    rule.value === undefined
      ? ''
      : ` ${
          crossed && shown(rule.value) === shown(crossed.bound)
            ? rule.value
            : shown(rule.value)
        }`;
  const notes = [
    crossed && `must be ${crossed.words} ${shown(crossed.bound)}`,
    declaredIn,
  ].filter(Boolean);
  return `${rule.column} ${rule.metric}${value}${
    notes.length ? ` (${notes.join(', ')})` : ''
  }`;
}
