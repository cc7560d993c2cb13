import { Grid } from '@material-ui/core';
import { GovernanceScorecardCard } from '../GovernanceScorecardCard';
import { ProductExemptionsCard } from '../ProductExemptionsCard';
import { ProductScoreHistoryCard } from '../ProductScoreHistoryCard';

/**
 * The Governance tab of a data product: its scorecard, its score over the
 * last 30 days and all its exemptions.
 */
export function ProductGovernanceContent() {
  return (
    <Grid container spacing={3} alignItems="stretch">
      <Grid item xs={12} md={6}>
        <GovernanceScorecardCard />
      </Grid>
      <Grid item xs={12} md={6}>
        <ProductScoreHistoryCard />
      </Grid>
      <Grid item xs={12}>
        <ProductExemptionsCard />
      </Grid>
    </Grid>
  );
}
