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

/** What one day or hour held, summed as its evaluations are walked. */
type HeldPeriod = {
  scoreTime: number;
  time: number;
  /** Scores of evaluations held for no time, such as the last at `until`. */
  instants: number[];
  last: MeshEvaluation;
};

/**
 * One point per UTC day (or hour) for a trend chart, for every period an
 * evaluation held (an evaluation holds until the next, the last until
 * `until`), so none before the first: the period's average score weighted by
 * how long each held, and the products and levels of the last evaluation
 * held in it, which may have started in an earlier period. Evaluations are
 * stored when something changed or hourly, so an unweighted mean would count
 * a busy hour many times over a steady day, and a quiet hour has none of its
 * own. `evaluations` are in time order; only what they held from `since`
 * counts, so the evaluation in force then may come first. An evaluation of
 * no products (the mesh emptied) has no score: the one before it stops
 * holding, the periods it alone holds have no point, and the point of the
 * period it starts in (the period before, for the last evaluation starting
 * exactly at a period's start) has its products and levels, none, so the
 * last point says when the mesh is empty now.
 */
export function bucketTrend(
  evaluations: MeshEvaluation[],
  period: 'day' | 'hour',
  until: number,
  since = -Infinity,
): MeshTrendPoint[] {
  const times = evaluations.map(e => Date.parse(e.evaluatedAt));
  // In time order, as evaluations and the periods each holds are.
  const periods = new Map<number, HeldPeriod>();
  evaluations.forEach((evaluation, index) => {
    const end = Math.max(times[index], times[index + 1] ?? until);
    if (times[index] < since && end <= since) return;
    if (!evaluation.products) {
      // The point of the period it starts in ends with it. Starting one
      // exactly, the one before held none of it, so it has no point: the
      // last evaluation, the mesh empty since, then ends the period before,
      // so that the trend ends saying so; products scored later leave that
      // period the mesh it held to its end.
      const held =
        periods.get(startOf(times[index], period)) ??
        (index === evaluations.length - 1
          ? periods.get(startOf(times[index] - 1, period))
          : undefined);
      if (held) held.last = evaluation;
      return;
    }
    let from = Math.max(times[index], since);
    do {
      const start = startOf(from, period);
      const to = Math.min(end, start + PERIOD_MS[period]);
      const sums = periods.get(start) ?? {
        scoreTime: 0,
        time: 0,
        instants: [],
        last: evaluation,
      };
      sums.scoreTime += evaluation.averageScore * (to - from);
      sums.time += to - from;
      if (to === from) sums.instants.push(evaluation.averageScore);
      sums.last = evaluation;
      periods.set(start, sums);
      from = to;
    } while (from < end);
  });
  return [...periods.entries()].map(([start, sums]) => {
    // Only instants held: their mean.
    const average = sums.time
      ? sums.scoreTime / sums.time
      : sums.instants.reduce((sum, score) => sum + score, 0) /
        sums.instants.length;
    return {
      period: new Date(start).toISOString(),
      averageScore: Math.round(average),
      products: sums.last.products,
      levels: sums.last.levels,
      evaluatedAt: sums.last.evaluatedAt,
    };
  });
}
