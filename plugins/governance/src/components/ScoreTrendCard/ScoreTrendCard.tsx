import { useApi } from '@backstage/frontend-plugin-api';
import { Button, ButtonGroup, Typography } from '@material-ui/core';
import { formatTime } from '@meshwork/plugin-data-products-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { governanceApiRef } from '../../api';
import { AsyncInfoCard } from '../AsyncInfoCard';
import { ScoreTrendChart } from '../ScoreTrendChart';

const HOUR_MS = 60 * 60 * 1000;

// Hours over 30 days would be 720 points, too many to chart or read.
const PERIODS = [
  { by: 'day', label: 'By day', span: '30 days', spanMs: 30 * 24 * HOUR_MS },
  { by: 'hour', label: 'By hour', span: '48 hours', spanMs: 48 * HOUR_MS },
] as const;

/**
 * The mesh's average score by day over the last 30 days, or by hour over the
 * last 48 hours, and when every product has left the mesh, that it has none.
 */
export function ScoreTrendCard() {
  const governanceApi = useApi(governanceApiRef);
  const [by, setBy] = useState<'day' | 'hour'>('day');
  const { span, spanMs } = PERIODS.find(period => period.by === by)!;
  const trend = useAsync(
    () => governanceApi.getTrend(by, new Date(Date.now() - spanMs)),
    [governanceApi, by],
  );
  return (
    <AsyncInfoCard
      title="Average score over time"
      state={trend}
      action={
        <ButtonGroup size="small" aria-label="Period">
          {PERIODS.map(period => (
            <Button
              key={period.by}
              variant={period.by === by ? 'contained' : 'outlined'}
              aria-pressed={period.by === by}
              onClick={() => setBy(period.by)}
            >
              {period.label}
            </Button>
          ))}
        </ButtonGroup>
      }
    >
      {points => {
        const last = points[points.length - 1];
        if (!last) {
          return <Typography>No evaluations in the last {span}.</Typography>;
        }
        return (
          <>
            <ScoreTrendChart points={points} by={by} />
            {/* The mesh emptied: the last score is not the mesh's now. */}
            {last.products === 0 && (
              <Typography>
                No data products in the mesh since{' '}
                {formatTime(last.evaluatedAt)}: the chart ends with the last
                scores.
              </Typography>
            )}
          </>
        );
      }}
    </AsyncInfoCard>
  );
}
