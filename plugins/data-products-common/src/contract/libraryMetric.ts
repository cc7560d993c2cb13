import type { QualityRule } from './DataContract';

/**
 * ODCS v3.0.x library rules (`rule`) under the name v3.1.0 gave the same
 * check (`metric`); `rowCount` kept its name.
 */
const V3_0_RULES: ReadonlyMap<string, string> = new Map([
  ['nullCheck', 'nullValues'],
  ['duplicateCount', 'duplicateValues'],
  ['validValues', 'invalidValues'],
]);

/** v3.0.x rules that, without a threshold, allow no failing row at all. */
const NONE_ALLOWED_BY_DEFAULT = new Set(['nullCheck', 'validValues']);

/**
 * The library metric a rule checks, named as ODCS v3.1.0 names it, so that a
 * v3.0.x `rule: nullCheck` and a v3.1.0 `metric: nullValues` are one check;
 * undefined for a rule of no library metric.
 */
export function libraryMetric(
  rule: Pick<QualityRule, 'metric' | 'rule'>,
): string | undefined {
  if (rule.metric) return rule.metric;
  return rule.rule ? V3_0_RULES.get(rule.rule) ?? rule.rule : undefined;
}

/**
 * The rule's thresholds, with what a v3.0.x `nullCheck` or `validValues`
 * without one meant spelt out: no null or invalid value (`mustBe: 0`).
 */
export function libraryThresholds(
  rule: Pick<QualityRule, 'metric' | 'rule' | 'thresholds'>,
): QualityRule['thresholds'] {
  const given = Object.keys(rule.thresholds).length > 0;
  return !given &&
    rule.metric === undefined &&
    NONE_ALLOWED_BY_DEFAULT.has(rule.rule ?? '')
    ? { mustBe: 0 }
    : rule.thresholds;
}
