import {
  contractSchemaObject,
  type OutputPort,
  type QualityRule,
  type QualityThresholds,
  type SchemaProperty,
} from '@meshwork/plugin-data-products-common';
import type { QualityRuleSpec } from '@meshwork/plugin-lineage-common';

type Metric = QualityRuleSpec['metric'];

/**
 * The ODCS library metrics (v3.1.0 `metric`, v3.0.x `rule`) a run's
 * `dataQualityMetrics` facet measures, in rows (ODCS's default unit) and in
 * percent.
 */
const COLUMN_METRICS: Record<string, { rows: Metric; percent: Metric }> = {
  nullValues: { rows: 'nullCount', percent: 'nullRate' },
  nullCheck: { rows: 'nullCount', percent: 'nullRate' },
  duplicateValues: { rows: 'duplicateCount', percent: 'duplicateRate' },
  duplicateCount: { rows: 'duplicateCount', percent: 'duplicateRate' },
};

type AddRule = (
  rule: QualityRule,
  column: string,
  metric: Metric,
  scale: number,
) => void;

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

/**
 * The quality rules of the port's contract that lineage measures: null
 * and duplicate values of a column or of an object's field, and the
 * table's row count. Rules of other kinds (SQL, custom engines, text), or
 * whose thresholds it cannot check (`mustNotBe`), are left to the tools
 * that run them.
 */
export function contractQualityRules(port: OutputPort): QualityRuleSpec[] {
  const schema = contractSchemaObject(port);
  if (!schema) return [];
  const rules: QualityRuleSpec[] = [];
  const add: AddRule = (rule, column, metric, scale) => {
    if ((rule.type ?? 'library') !== 'library') return;
    let bounds = boundsOf(rule.thresholds, scale);
    if (bounds.min === undefined && bounds.max === undefined) {
      // ODCS v3.0.x's `nullCheck` without a threshold: no nulls at all.
      if (rule.rule !== 'nullCheck' || rule.metric !== undefined) return;
      bounds = { max: 0 };
    }
    rules.push({ column, metric, ...bounds, source: 'contract' });
  };
  for (const rule of schema.quality) {
    if ((rule.metric ?? rule.rule) === 'rowCount') {
      add(rule, schema.physicalName ?? schema.name, 'rowCount', 1);
    }
  }
  addColumnRules(schema.properties, '', add);
  return rules;
}

/**
 * The null and duplicate rules of `properties` and of an object's fields,
 * named as schema drift names them (`address.city`); those of an array's
 * elements (`items`) are not measured, as drift does not compare them.
 */
function addColumnRules(
  properties: SchemaProperty[],
  prefix: string,
  add: AddRule,
) {
  for (const property of properties) {
    const column = `${prefix}${property.physicalName ?? property.name}`;
    for (const rule of property.quality) {
      const metrics = COLUMN_METRICS[rule.metric ?? rule.rule ?? ''];
      if (!metrics) continue;
      if (rule.unit === 'percent') add(rule, column, metrics.percent, 100);
      else add(rule, column, metrics.rows, 1);
    }
    addColumnRules(property.properties, `${column}.`, add);
  }
}
