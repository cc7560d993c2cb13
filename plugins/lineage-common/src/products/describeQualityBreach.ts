import type { QualityRuleSpec } from './ProductSlo';

type MeasuredRule = QualityRuleSpec & { value?: number };

/** A rule bounding a measure, and where it is declared when that is to be said. */
type BoundingRule = {
  rule: QualityRuleSpec;
  declaredIn?: string;
};

/** A measure as read: rates and percent bounds come with float noise; counts do not. */
const shown = (value: number) =>
  Number.isInteger(value) ? value : Number(value.toPrecision(4));

/** The bound a rule's value crossed, in words. */
function crossedBound(
  value: number | undefined,
  { min, max, minExclusive, maxExclusive }: QualityRuleSpec,
): { words: string; bound: number } | undefined {
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
 * A breached measure with the bound its value crossed and where the rule is
 * declared, as the product page and governance both word it:
 * `customer_id nullRate 0.05 (must be less than 0.03, contract)`. The
 * product's SLOs and the port's contract may both bound a column, each its
 * own way: the value is said once, with each rule's bound and source
 * (`customer_id nullRate 0.05 (must be at most 0.03, product SLO; less than
 * 0.03, contract)`), so that one breach does not read as two (see
 * describeQualityBreaches). By default the measure's own rule, declared
 * where its source says.
 */
export function describeQualityBreach(
  measure: MeasuredRule,
  rules: BoundingRule[] = [{ rule: measure, declaredIn: measure.source }],
): string {
  const { value } = measure;
  const crossed = rules.map(({ rule }) => crossedBound(value, rule));
  // Rounded, a value may read as a bound it crossed: then in full.
  const readsAsBound = crossed.some(
    c => value !== undefined && c && shown(value) === shown(c.bound),
  );
  const shownValue =
    value === undefined ? '' : ` ${readsAsBound ? value : shown(value)}`;
  const firstCrossed = crossed.findIndex(Boolean);
  const notes = rules
    .map(({ declaredIn }, i) => {
      const c = crossed[i];
      const bound =
        c &&
        `${i === firstCrossed ? 'must be ' : ''}${c.words} ${shown(c.bound)}`;
      return [bound, declaredIn].filter(Boolean).join(', ');
    })
    .filter(Boolean);
  return `${measure.column} ${measure.metric}${shownValue}${
    notes.length ? ` (${notes.join('; ')})` : ''
  }`;
}
