import {
  libraryMetric,
  type PropertyDefinition,
  type QualityRule,
  type QualityThresholds,
  type SchemaObject,
} from '@meshwork/plugin-data-products-common';
import type { QualityRuleSpec } from './ProductSlo';

type Metric = QualityRuleSpec['metric'];

/**
 * A quality rule of a contract's schema object, where it is declared, and
 * what lineage measures of it, if anything.
 */
export type DeclaredQualityRule = {
  /**
   * The column or field it is on, named as schema drift names it
   * (`address.city`, an array's elements `lines[]`), or the table's name for
   * a rule of the schema object itself.
   */
  column: string;
  rule: QualityRule;
  /** The rule as lineage measures it; absent for one it cannot measure. */
  measured?: QualityRuleSpec;
};

/**
 * The ODCS library metrics (v3.1.0 `metric`, v3.0.x `rule`) a run's
 * `dataQualityMetrics` facet measures, in rows (ODCS's default unit) and in
 * percent.
 */
const COLUMN_METRICS: Record<string, { rows: Metric; percent: Metric }> = {
  nullValues: { rows: 'nullCount', percent: 'nullRate' },
  duplicateValues: { rows: 'duplicateCount', percent: 'duplicateRate' },
};

type Bound = { value: number; exclusive: boolean };

/**
 * A bound in the measure's unit, rounded to the 15 significant digits a
 * double keeps: 0.7 / 100 gives 0.006999999999999999, which a rate of 7 in
 * 1,000 (0.007) would breach.
 */
const inUnit = (value: number, scale: number) =>
  Number((value / scale).toPrecision(15));

/** Of two bounds on one side, the one that allows less. */
const tighter = (a: Bound, b: Bound, sign: 1 | -1) =>
  a.value * sign < b.value * sign ||
  (a.value === b.value && a.exclusive && !b.exclusive)
    ? a
    : b;

/**
 * A rule's thresholds as bounds, in the measure's unit; none it can check.
 * ODCS v3.0.x let a rule hold several operators, all of which must hold:
 * each side keeps its tightest.
 */
function boundsOf(
  thresholds: QualityThresholds,
  scale: number,
): Pick<QualityRuleSpec, 'min' | 'max' | 'minExclusive' | 'maxExclusive'> {
  const {
    mustBe,
    mustBeLessThan,
    mustBeLessOrEqualTo,
    mustBeGreaterThan,
    mustBeGreaterOrEqualTo,
    mustBeBetween,
  } = thresholds;
  const upper: Bound[] = [];
  const lower: Bound[] = [];
  const both = (value: number) => {
    upper.push({ value, exclusive: false });
    lower.push({ value, exclusive: false });
  };
  if (typeof mustBe === 'number') both(mustBe);
  if (mustBeBetween) {
    lower.push({ value: mustBeBetween[0], exclusive: false });
    upper.push({ value: mustBeBetween[1], exclusive: false });
  }
  if (mustBeLessThan !== undefined) {
    upper.push({ value: mustBeLessThan, exclusive: true });
  }
  if (mustBeLessOrEqualTo !== undefined) {
    upper.push({ value: mustBeLessOrEqualTo, exclusive: false });
  }
  if (mustBeGreaterThan !== undefined) {
    lower.push({ value: mustBeGreaterThan, exclusive: true });
  }
  if (mustBeGreaterOrEqualTo !== undefined) {
    lower.push({ value: mustBeGreaterOrEqualTo, exclusive: false });
  }
  const max = upper.reduce<Bound | undefined>(
    (best, bound) => (best ? tighter(bound, best, 1) : bound),
    undefined,
  );
  const min = lower.reduce<Bound | undefined>(
    (best, bound) => (best ? tighter(bound, best, -1) : bound),
    undefined,
  );
  return {
    ...(max && { max: inUnit(max.value, scale) }),
    ...(max?.exclusive && { maxExclusive: true }),
    ...(min && { min: inUnit(min.value, scale) }),
    ...(min?.exclusive && { minExclusive: true }),
  };
}

/** The rule as lineage measures it as `metric`, if its kind and thresholds allow. */
function measuredAs(
  rule: QualityRule,
  column: string,
  metric: Metric,
  scale: number,
): QualityRuleSpec | undefined {
  if ((rule.type ?? 'library') !== 'library') return undefined;
  let bounds = boundsOf(rule.thresholds, scale);
  if (bounds.min === undefined && bounds.max === undefined) {
    // ODCS v3.0.x's `nullCheck` without a threshold: no nulls at all.
    if (rule.rule !== 'nullCheck' || rule.metric !== undefined) {
      return undefined;
    }
    bounds = { max: 0 };
  }
  return { column, metric, ...bounds, source: 'contract' };
}

const declared = (
  rule: QualityRule,
  column: string,
  measured: QualityRuleSpec | undefined,
): DeclaredQualityRule => ({ column, rule, ...(measured && { measured }) });

/**
 * The rules of a property, of an object's fields and of an array's
 * elements; lineage measures null and duplicate values, but not of an
 * array's elements, as schema drift does not compare them.
 */
function propertyRules(
  property: PropertyDefinition,
  column: string,
  inArray: boolean,
): DeclaredQualityRule[] {
  return [
    ...property.quality.map(rule => {
      const metrics = inArray
        ? undefined
        : COLUMN_METRICS[libraryMetric(rule) ?? ''];
      const measured =
        metrics &&
        (rule.unit === 'percent'
          ? measuredAs(rule, column, metrics.percent, 100)
          : measuredAs(rule, column, metrics.rows, 1));
      return declared(rule, column, measured);
    }),
    ...property.properties.flatMap(field =>
      propertyRules(
        field,
        `${column}.${field.physicalName ?? field.name}`,
        inArray,
      ),
    ),
    ...(property.items
      ? propertyRules(property.items, `${column}[]`, true)
      : []),
  ];
}

/**
 * Every quality rule of a contract's schema object, each with what lineage
 * measures of it: null and duplicate values of a column or of an object's
 * field, and the table's row count, bounded by thresholds it can check.
 * Rules of other kinds (SQL, custom engines, text), of other metrics, or
 * whose thresholds it cannot check (`mustNotBe`), are left to the tools that
 * run them. The one definition of what lineage measures, for the lineage
 * backend measuring and governance saying what it cannot.
 */
export function schemaQualityRules(
  schema: SchemaObject,
): DeclaredQualityRule[] {
  const table = schema.physicalName ?? schema.name;
  return [
    ...schema.quality.map(rule =>
      declared(
        rule,
        table,
        libraryMetric(rule) === 'rowCount'
          ? measuredAs(rule, table, 'rowCount', 1)
          : undefined,
      ),
    ),
    ...schema.properties.flatMap(property =>
      propertyRules(property, property.physicalName ?? property.name, false),
    ),
  ];
}
