import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Typography } from '@material-ui/core';
import type {
  MeshTrendPoint,
  ScorecardHistoryPoint,
} from '@meshwork/plugin-governance-common';
import useAsync from 'react-use/esm/useAsync';
import { governanceApiRef } from '../../api';
import { AsyncInfoCard } from '../AsyncInfoCard';
import { ScoreTrendChart } from '../ScoreTrendChart';

/**
 * One point per UTC day, oldest first: the score of the day's last
 * evaluation, shaped as the chart's trend points (one product, its level).
 */
export function dailyScores(
  history: ScorecardHistoryPoint[],
): MeshTrendPoint[] {
  const lastOfDay = new Map<string, ScorecardHistoryPoint>();
  for (const point of history) {
    const day = new Date(point.evaluatedAt).toISOString().slice(0, 10);
    const last = lastOfDay.get(day);
    if (
      !last ||
      Date.parse(point.evaluatedAt) >= Date.parse(last.evaluatedAt)
    ) {
      lastOfDay.set(day, point);
    }
  }
  return [...lastOfDay.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([day, point]) => ({
      period: `${day}T00:00:00.000Z`,
      averageScore: point.score,
      products: 1,
      levels: { gold: 0, silver: 0, bronze: 0, none: 0, [point.level]: 1 },
      evaluatedAt: point.evaluatedAt,
    }));
}

/** The product's score over the last 30 days, by UTC day. */
export function ProductScoreHistoryCard() {
  const { entity } = useEntity();
  const governanceApi = useApi(governanceApiRef);
  const history = useAsync(
    async () =>
      dailyScores(await governanceApi.getHistory(getCompoundEntityRef(entity))),
    [governanceApi, entity],
  );
  return (
    <AsyncInfoCard title="Score over time" state={history}>
      {points =>
        points.length === 0 ? (
          <Typography>No evaluations in the last 30 days.</Typography>
        ) : (
          <ScoreTrendChart points={points} by="day" of="product" />
        )
      }
    </AsyncInfoCard>
  );
}
