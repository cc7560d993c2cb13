import type { MeshTrendPoint } from '../api/GovernanceApiTypes';
import type { Level } from './Scorecard';

/** The mesh after one evaluation. */
export type MeshEvaluation = {
  evaluatedAt: string;
  averageScore: number;
  products: number;
  levels: Record<Level, number>;
};

const PERIOD_MS = { day: 24 * 60 * 60 * 1000, hour: 60 * 60 * 1000 };

const startOf = (time: number, period: 'day' | 'hour') =>
  Math.floor(time / PERIOD_MS[period]) * PERIOD_MS[period];

/**
 * One point per UTC day (or hour) for a trend chart: the period's average
 * score weighted by how long each held (an evaluation holds until the next,
 * the last until `until`), and the products and levels at its last
 * evaluation. Evaluations are stored when something changed or hourly, so an
 * unweighted mean would count a busy hour many times over a steady day.
 * `evaluations` are in time order.
 */
export function bucketTrend(
  evaluations: MeshEvaluation[],
  period: 'day' | 'hour',
  until: number,
): MeshTrendPoint[] {
  const times = evaluations.map(e => Date.parse(e.evaluatedAt));
  const held = new Map<number, { scoreTime: number; time: number }>();
  evaluations.forEach((evaluation, index) => {
    const end = Math.max(times[index], times[index + 1] ?? until);
    for (let from = times[index]; from < end; ) {
      const start = startOf(from, period);
      const to = Math.min(end, start + PERIOD_MS[period]);
      const sums = held.get(start) ?? { scoreTime: 0, time: 0 };
      sums.scoreTime += evaluation.averageScore * (to - from);
      sums.time += to - from;
      held.set(start, sums);
      from = to;
    }
  });
  const buckets = new Map<number, MeshEvaluation[]>();
  evaluations.forEach((evaluation, index) => {
    const start = startOf(times[index], period);
    buckets.set(start, [...(buckets.get(start) ?? []), evaluation]);
  });
  return [...buckets.entries()].map(([start, points]) => {
    const last = points[points.length - 1];
    const sums = held.get(start);
    // Only instants held (the last evaluation is `until`): their mean.
    const average = sums?.time
      ? sums.scoreTime / sums.time
      : points.reduce((sum, p) => sum + p.averageScore, 0) / points.length;
    return {
      period: new Date(start).toISOString(),
      averageScore: Math.round(average),
      products: last.products,
      levels: last.levels,
      evaluatedAt: last.evaluatedAt,
    };
  });
}
