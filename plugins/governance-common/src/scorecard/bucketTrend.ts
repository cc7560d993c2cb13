import type { MeshTrendPoint } from '../api/GovernanceApiTypes';
import type { Level } from './Scorecard';

/** The mesh after one evaluation. */
export type MeshEvaluation = {
  evaluatedAt: string;
  averageScore: number;
  products: number;
  levels: Record<Level, number>;
};

const startOf = (time: string, period: 'day' | 'hour') =>
  `${time.slice(0, period === 'day' ? 10 : 13)}${
    period === 'day' ? 'T00:00:00.000Z' : ':00:00.000Z'
  }`;

/**
 * One point per UTC day (or hour) for a trend chart: the average of the
 * period's average scores, and the products and levels at its last
 * evaluation. `evaluations` are in time order.
 */
export function bucketTrend(
  evaluations: MeshEvaluation[],
  period: 'day' | 'hour',
): MeshTrendPoint[] {
  const buckets = new Map<string, MeshEvaluation[]>();
  for (const evaluation of evaluations) {
    const key = startOf(new Date(evaluation.evaluatedAt).toISOString(), period);
    buckets.set(key, [...(buckets.get(key) ?? []), evaluation]);
  }
  return [...buckets.entries()].map(([start, points]) => {
    const last = points[points.length - 1];
    return {
      period: start,
      averageScore: Math.round(
        points.reduce((sum, p) => sum + p.averageScore, 0) / points.length,
      ),
      products: last.products,
      levels: last.levels,
      evaluatedAt: last.evaluatedAt,
    };
  });
}
