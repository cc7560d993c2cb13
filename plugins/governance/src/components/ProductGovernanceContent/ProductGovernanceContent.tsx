import { Grid } from '@material-ui/core';
import { useState } from 'react';
import { GovernanceScorecardCard } from '../GovernanceScorecardCard';
import { ProductExemptionsCard } from '../ProductExemptionsCard';
import { ProductScoreHistoryCard } from '../ProductScoreHistoryCard';

/**
 * The Governance tab of a data product: its scorecard, its score over the
 * last 30 days and all its exemptions. Granting or revoking one re-reads
 * the scorecard and history, which the backend has updated by then.
 */
export function ProductGovernanceContent() {
  const [scoredAgain, setScoredAgain] = useState(0);
  return (
    <Grid container spacing={3} alignItems="stretch">
      <Grid item xs={12} md={6}>
        <GovernanceScorecardCard key={scoredAgain} />
      </Grid>
      <Grid item xs={12} md={6}>
        <ProductScoreHistoryCard key={scoredAgain} />
      </Grid>
      <Grid item xs={12}>
        <ProductExemptionsCard onChange={() => setScoredAgain(n => n + 1)} />
      </Grid>
    </Grid>
  );
}
