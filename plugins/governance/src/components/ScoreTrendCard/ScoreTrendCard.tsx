import { useApi } from '@backstage/frontend-plugin-api';
import { Button, ButtonGroup, Typography } from '@material-ui/core';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { governanceApiRef } from '../../api';
import { AsyncInfoCard } from '../AsyncInfoCard';
import { ScoreTrendChart } from '../ScoreTrendChart';

const PERIODS = [
  { by: 'day', label: 'By day' },
  { by: 'hour', label: 'By hour' },
] as const;

/** The mesh's average score over the last 30 days, by day or by hour. */
export function ScoreTrendCard() {
  const governanceApi = useApi(governanceApiRef);
  const [by, setBy] = useState<'day' | 'hour'>('day');
  const trend = useAsync(() => governanceApi.getTrend(by), [governanceApi, by]);
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
      {points =>
        points.length === 0 ? (
          <Typography>No evaluations in the last 30 days.</Typography>
        ) : (
          <ScoreTrendChart points={points} by={by} />
        )
      }
    </AsyncInfoCard>
  );
}
