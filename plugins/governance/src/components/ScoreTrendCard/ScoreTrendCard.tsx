import { useApi } from '@backstage/frontend-plugin-api';
import { Button, ButtonGroup, Typography } from '@material-ui/core';
import { formatTime } from '@meshwork/plugin-data-products-common';
import { useSearchParams } from 'react-router-dom';
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
 * By hour is kept in the address (`?trend=hour`), so that a reload or a
 * shared link shows the same.
 */
export function ScoreTrendCard() {
  const governanceApi = useApi(governanceApiRef);
  const [searchParams, setSearchParams] = useSearchParams();
  const by = searchParams.get('trend') === 'hour' ? 'hour' : 'day';
  const choose = (period: 'day' | 'hour') =>
    setSearchParams(
      current => {
        // The page's other parameters stay; the default leaves none.
        const next = new URLSearchParams(current);
        if (period === 'day') next.delete('trend');
        else next.set('trend', period);
        return next;
      },
      { replace: true },
    );
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
              onClick={() => choose(period.by)}
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
