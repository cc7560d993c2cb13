import type { ProductStatuses } from '../../api';
import { STATUS_FILTERS } from '../DataProductExplorer/explorerQuery';

/** Governance levels, best first, as the governance leaderboard lists them. */
const LEVELS = STATUS_FILTERS.level;

/** How a domain's products stand on SLOs and governance. */
export type DomainHealth = {
  /** Products whose SLOs are measured, and those breaching one now. */
  slo: { measured: number; breaching: number };
  /**
   * The average score of the products with a scorecard, rounded to a tenth
   * as the governance rollups round it (undefined when none has one), and
   * how many are at each level.
   */
  governance: {
    averageScore?: number;
    levels: Record<(typeof LEVELS)[number], number>;
  };
};

/** The health of the products `entityRefs` from the statuses read. */
export function domainHealth(
  entityRefs: string[],
  statuses: ProductStatuses,
): DomainHealth {
  const found = entityRefs.flatMap(ref => statuses.byRef.get(ref) ?? []);
  const slos = found.flatMap(status => status.slo ?? []);
  const scorecards = found.flatMap(status => status.scorecard ?? []);
  const total = scorecards.reduce((sum, card) => sum + card.score, 0);
  return {
    slo: {
      measured: slos.filter(slo => slo.status !== 'unknown').length,
      breaching: slos.filter(slo => slo.status === 'breaching').length,
    },
    governance: {
      averageScore: scorecards.length
        ? Math.round((total / scorecards.length) * 10) / 10
        : undefined,
      levels: Object.fromEntries(
        LEVELS.map(level => [
          level,
          scorecards.filter(card => card.level === level).length,
        ]),
      ) as DomainHealth['governance']['levels'],
    },
  };
}
