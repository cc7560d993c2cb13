import { useApi } from '@backstage/frontend-plugin-api';
import { Typography } from '@material-ui/core';
import { type Level, levels } from '@meshwork/plugin-governance-common';
import useAsync from 'react-use/esm/useAsync';
import { governanceApiRef } from '../../api';
import { AsyncInfoCard } from '../AsyncInfoCard';
import { LevelDistributionBar } from '../LevelDistributionBar';
import { LevelLegend } from '../LevelLegend';

/**
 * How many of all products, or of one domain's, are at each level, and
 * what the levels mean.
 */
export function LevelDistributionCard(props: { domain?: string }) {
  const { domain } = props;
  const governanceApi = useApi(governanceApiRef);
  const distribution = useAsync(async () => {
    const scorecards = await governanceApi.listScorecards({ domain });
    const counts = Object.fromEntries(levels.map(level => [level, 0]));
    for (const { level } of scorecards) counts[level] += 1;
    return {
      products: scorecards.length,
      levels: counts as Record<Level, number>,
    };
  }, [governanceApi, domain]);
  return (
    <AsyncInfoCard
      title={
        domain ? "Levels of the domain's products" : 'Levels of all products'
      }
      state={distribution}
    >
      {value =>
        value.products === 0 ? (
          <Typography>No product has been scored yet.</Typography>
        ) : (
          <>
            <Typography variant="h4" component="p" gutterBottom>
              {value.products} {value.products === 1 ? 'product' : 'products'}
            </Typography>
            <LevelDistributionBar levels={value.levels} />
            <LevelLegend />
          </>
        )
      }
    </AsyncInfoCard>
  );
}
