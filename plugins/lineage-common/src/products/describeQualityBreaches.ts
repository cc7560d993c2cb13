import { groupBy } from '../groupBy';
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
 * and contract)`); bound differently, the value is still said once, with
 * each bound and its source (`customer_id nullRate 0.05 (must be at most
 * 0.03, product SLO; less than 0.03, contract)`), so that one breach does
 * not read as two.
 */
export function describeQualityBreaches(rules: JudgedRule[]): string[] {
  // Columns as measured: reports and rules match them case-insensitively.
  const measures = groupBy(
    rules.filter(r => r.status === 'breached'),
    r => `${r.column.toLowerCase()} ${r.metric}`,
  );
  return [...measures.values()].flatMap(measure =>
    measure.length === 1
      ? [describeQualityBreach(measure[0])]
      : // A measure is one value; were two reported, each is said.
        [...groupBy(measure, r => String(r.value)).values()].map(sameValue =>
          describeQualityBreach(
            sameValue[0],
            [...groupBy(sameValue, boundsOf).values()].map(alike => ({
              rule: alike[0],
              declaredIn: [...new Set(alike.map(sourceOf))].join(' and '),
            })),
          ),
        ),
  );
}
