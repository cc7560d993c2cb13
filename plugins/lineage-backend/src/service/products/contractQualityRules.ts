import type {
  OutputPort,
  QualityRule,
  QualityThresholds,
} from '@meshwork/plugin-data-products-common';
import type { QualityRuleSpec } from '@meshwork/plugin-lineage-common';
import { contractSchemaObject } from './contractColumns';

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

/** A rule's thresholds as bounds, in the measure's unit; none it can check. */
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
  const at = (value: number | undefined) =>
    value === undefined ? undefined : value / scale;
  if (typeof mustBe === 'number') return { min: at(mustBe), max: at(mustBe) };
  if (mustBeBetween) {
    return { min: at(mustBeBetween[0]), max: at(mustBeBetween[1]) };
  }
  return {
    ...(mustBeLessThan !== undefined
      ? { max: at(mustBeLessThan), maxExclusive: true }
      : { max: at(mustBeLessOrEqualTo) }),
    ...(mustBeGreaterThan !== undefined
      ? { min: at(mustBeGreaterThan), minExclusive: true }
      : { min: at(mustBeGreaterOrEqualTo) }),
  };
}

/**
 * The quality rules of the port's contract that lineage measures: null
 * and duplicate values of a column, and the table's row count. Rules of
 * other kinds (SQL, custom engines, text), or whose thresholds it cannot
 * check (`mustNotBe`), are left to the tools that run them.
 */
export function contractQualityRules(port: OutputPort): QualityRuleSpec[] {
  const schema = contractSchemaObject(port);
  if (!schema) return [];
  const rules: QualityRuleSpec[] = [];
  const add = (
    rule: QualityRule,
    column: string,
    metric: Metric,
    scale: number,
  ) => {
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
  for (const property of schema.properties) {
    for (const rule of property.quality) {
      const metrics = COLUMN_METRICS[rule.metric ?? rule.rule ?? ''];
      if (!metrics) continue;
      const column = property.physicalName ?? property.name;
      if (rule.unit === 'percent') add(rule, column, metrics.percent, 100);
      else add(rule, column, metrics.rows, 1);
    }
  }
  return rules;
}
