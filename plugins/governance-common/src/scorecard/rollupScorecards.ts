import { Level, levels, Scorecard } from './Scorecard';

export type ScorecardRollup = {
  /** The domain or team. */
  key: string;
  products: number;
  averageScore: number;
  levels: Record<Level, number>;
  /** Check ids that fail most often, most first. */
  mostFailed: Array<{ id: string; failures: number }>;
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
      const failures = new Map<string, number>();
      for (const check of cards.flatMap(c => c.checks)) {
        if (check.status === 'fail') {
          failures.set(check.id, (failures.get(check.id) ?? 0) + 1);
        }
      }
      return {
        key,
        products: cards.length,
        averageScore: Math.round(
          cards.reduce((sum, c) => sum + c.score, 0) / cards.length,
        ),
        levels: Object.fromEntries(
          levels.map(level => [
            level,
            cards.filter(c => c.level === level).length,
          ]),
        ) as Record<Level, number>,
        mostFailed: [...failures.entries()]
          .map(([id, count]) => ({ id, failures: count }))
          .sort((a, b) => b.failures - a.failures || a.id.localeCompare(b.id)),
      };
    })
    .sort(
      (a, b) => b.averageScore - a.averageScore || a.key.localeCompare(b.key),
    );
}
