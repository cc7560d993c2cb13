import type { ContractChange } from './ContractChange';
import type { QualityRule } from './DataContract';
import { compareThresholds } from './compareThresholds';
import { libraryMetric, libraryThresholds } from './libraryMetric';

const SEVERITY_RANK = new Map([
  ['info', 0],
  ['warning', 1],
  ['error', 2],
]);

/**
 * Rules have no required name, so they are matched by what they check:
 * their id or name when given, else the library metric (a v3.0.x rule by
 * its v3.1.0 name, so that upgrading a contract keeps its rules), the SQL
 * query, the custom implementation or the description.
 */
function identity(rule: QualityRule): string {
  if (rule.id) return `id:${rule.id}`;
  if (rule.name) return `name:${rule.name}`;
  const metric = libraryMetric(rule);
  if (metric) return `metric:${metric}`;
  if (rule.query) return `sql:${rule.query.replace(/\s+/g, ' ').trim()}`;
  if (rule.engine) {
    return `custom:${rule.engine}:${JSON.stringify(
      rule.extensions.implementation,
    )}`;
  }
  return `text:${rule.description ?? ''}`;
}

function label(rule: QualityRule): string {
  return (
    rule.name ??
    rule.metric ??
    rule.rule ??
    rule.engine ??
    rule.type ??
    'library'
  );
}

/** Keys rules by identity; repeats get `#2`, `#3` so that none is lost. */
function keyed(rules: QualityRule[], path: string) {
  const counts = new Map<string, number>();
  const labels = new Map<string, number>();
  return new Map(
    rules.map(rule => {
      const id = identity(rule);
      const count = (counts.get(id) ?? 0) + 1;
      counts.set(id, count);
      const name = label(rule);
      const uses = (labels.get(name) ?? 0) + 1;
      labels.set(name, uses);
      const where = `${path}.quality[${name}${uses > 1 ? `#${uses}` : ''}]`;
      return [`${id}#${count}`, { rule, where }] as const;
    }),
  );
}

function describe(rule: QualityRule): string {
  return rule.description ? `"${rule.description}"` : label(rule);
}

function compareRules(before: QualityRule, after: QualityRule) {
  // Thresholds in another unit (rows vs percent) cannot be compared; ODCS
  // counts rows unless told otherwise.
  const thresholds =
    (before.unit ?? 'rows') === (after.unit ?? 'rows')
      ? compareThresholds(libraryThresholds(before), libraryThresholds(after))
      : 'unknown';
  const severityBefore = SEVERITY_RANK.get(before.severity ?? '');
  const severityAfter = SEVERITY_RANK.get(after.severity ?? '');
  const severityLowered =
    severityBefore !== undefined &&
    severityAfter !== undefined &&
    severityAfter < severityBefore;
  return { thresholds, severityLowered };
}

function formatThresholds(rule: QualityRule): string {
  return Object.entries(libraryThresholds(rule))
    .map(([operator, value]) => `${operator} ${JSON.stringify(value)}`)
    .join(', ');
}

function loosenedBecause(
  before: QualityRule,
  after: QualityRule,
  { thresholds, severityLowered }: ReturnType<typeof compareRules>,
): string {
  return [
    thresholds === 'looser' &&
      `it accepts more (${formatThresholds(before)} → ${formatThresholds(
        after,
      )})`,
    severityLowered &&
      `a failure is now ${after.severity}, was ${before.severity}`,
  ]
    .filter(Boolean)
    .join(' and ');
}

/** Removed and loosened rules: the data is checked less than consumers were told. */
export function diffQualityRules(
  before: QualityRule[],
  after: QualityRule[],
  path: string,
): ContractChange[] {
  const changes: ContractChange[] = [];
  const old = keyed(before, path);
  const current = keyed(after, path);
  for (const [key, { rule, where }] of old) {
    const match = current.get(key);
    if (!match) {
      changes.push({
        kind: 'quality-rule-removed',
        severity: 'warning',
        path: where,
        message: `Quality rule ${describe(
          rule,
        )} was removed: the data is no longer checked for it.`,
        before: rule,
      });
      continue;
    }
    const comparison = compareRules(rule, match.rule);
    const { thresholds, severityLowered } = comparison;
    if (thresholds === 'looser' || severityLowered) {
      changes.push({
        kind: 'quality-rule-loosened',
        severity: 'warning',
        path: where,
        message: `Quality rule ${describe(
          rule,
        )} was loosened: ${loosenedBecause(rule, match.rule, comparison)}.`,
        before: rule,
        after: match.rule,
      });
    } else if (thresholds !== 'same') {
      changes.push({
        kind: 'quality-rule-changed',
        severity: 'info',
        path: where,
        message: `Quality rule ${describe(rule)} changed its threshold: ${
          thresholds === 'stricter'
            ? 'it is stricter now'
            : 'another unit or operator, so it cannot be ranked'
        }.`,
        before: rule,
        after: match.rule,
      });
    }
  }
  for (const [key, { rule, where }] of current) {
    if (!old.has(key)) {
      changes.push({
        kind: 'quality-rule-added',
        severity: 'info',
        path: where,
        message: `Quality rule ${describe(rule)} was added.`,
        after: rule,
      });
    }
  }
  return changes;
}
