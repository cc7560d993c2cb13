import type { Severity } from '../checks/GovernanceCheck';
import { Level, levels, Scorecard } from './Scorecard';

/** A check's failures in a group, by the severity each product's policies gave it. */
export type FailedCheckCount = {
  id: string;
  failures: number;
  severities: Partial<Record<Severity, number>>;
  /**
   * The products failing it, by entity ref, each with the severity its
   * policies give the check: a domain may make it stronger for its own.
   */
  products: Array<{ entityRef: string; severity: Severity }>;
};

export type ScorecardRollup = {
  /** The domain or team. */
  key: string;
  products: number;
  /** Rounded to a tenth, so that near scores still rank apart. */
  averageScore: number;
  levels: Record<Level, number>;
  /** Check ids that fail most often, most first. */
  mostFailed: FailedCheckCount[];
};

/** Scores and levels per domain or per owning team; `keyOf` says which. */
export function rollupScorecards(
  scorecards: Scorecard[],
  keyOf: (scorecard: Scorecard) => string,
): ScorecardRollup[] {
  const groups = new Map<string, Scorecard[]>();
  for (const scorecard of scorecards) {
    const key = keyOf(scorecard);
    groups.set(key, [...(groups.get(key) ?? []), scorecard]);
  }
  return [...groups.entries()]
    .map(([key, cards]) => {
      const failures = new Map<string, FailedCheckCount>();
      for (const card of cards) {
        for (const check of card.checks) {
          if (check.status !== 'fail') continue;
          const count = failures.get(check.id) ?? {
            id: check.id,
            failures: 0,
            severities: {},
            products: [],
          };
          count.failures++;
          count.severities[check.severity] =
            (count.severities[check.severity] ?? 0) + 1;
          count.products.push({
            entityRef: card.entityRef,
            severity: check.severity,
          });
          failures.set(check.id, count);
        }
      }
      return {
        key,
        products: cards.length,
        averageScore:
          Math.round(
            (cards.reduce((sum, c) => sum + c.score, 0) / cards.length) * 10,
          ) / 10,
        levels: Object.fromEntries(
          levels.map(level => [
            level,
            cards.filter(c => c.level === level).length,
          ]),
        ) as Record<Level, number>,
        mostFailed: [...failures.values()].sort(
          (a, b) => b.failures - a.failures || a.id.localeCompare(b.id),
        ),
      };
    })
    .sort(
      (a, b) => b.averageScore - a.averageScore || a.key.localeCompare(b.key),
    );
}
