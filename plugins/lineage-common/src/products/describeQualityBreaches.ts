import { describeQualityBreach } from './describeQualityBreach';
import type { QualityRuleSpec, SloStatus } from './ProductSlo';

type JudgedRule = QualityRuleSpec & { value?: number; status: SloStatus };

const sourceOf = (rule: QualityRuleSpec) =>
  rule.source === 'contract' ? 'contract' : 'product SLO';

const boundsOf = ({ min, max, minExclusive, maxExclusive }: QualityRuleSpec) =>
  JSON.stringify([min, max, !!minExclusive, !!maxExclusive]);

/**
 * The breached rules of a port, each measure of a column said once: the
 * product's `slos.quality` and the port's contract may bound the same
 * column's measure. Bound alike, they breach as one, named with both
 * sources (`customer_id nullRate 0.05 (must be at most 0.03, product SLO
 * and contract)`); bound differently, each is said with its own source, so
 * that neither reads as a repeat of the other.
 */
export function describeQualityBreaches(rules: JudgedRule[]): string[] {
  // Columns as measured: reports and rules match them case-insensitively.
  const byMeasure = new Map<string, JudgedRule[]>();
  for (const rule of rules.filter(r => r.status === 'breached')) {
    const key = `${rule.column.toLowerCase()} ${rule.metric}`;
    byMeasure.set(key, [...(byMeasure.get(key) ?? []), rule]);
  }
  return [...byMeasure.values()].flatMap(measure => {
    if (measure.length === 1) return [describeQualityBreach(measure[0])];
    const byBounds = new Map<string, JudgedRule[]>();
    for (const rule of measure) {
      const key = boundsOf(rule);
      byBounds.set(key, [...(byBounds.get(key) ?? []), rule]);
    }
    return [...byBounds.values()].map(alike =>
      describeQualityBreach(
        alike[0],
        [...new Set(alike.map(sourceOf))].join(' and '),
      ),
    );
  });
}
