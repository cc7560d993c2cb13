import { Content, Header, Page } from '@backstage/core-components';
import { Grid } from '@material-ui/core';
import { ExpiringExemptionsCard } from '../ExpiringExemptionsCard';
import { LeaderboardCard } from '../LeaderboardCard';
import { LevelDistributionCard } from '../LevelDistributionCard';
import { MostFailedChecksCard } from '../MostFailedChecksCard';
import { ScoreTrendCard } from '../ScoreTrendCard';

/**
 * The whole mesh's governance: levels, trend, leaderboards, what fails most
 * and which exemptions lapse soon. Each card asks for its own data, so one
 * failing request shows its error without blanking the rest.
 */
export function GovernancePage() {
  return (
    <Page themeId="tool">
      <Header
        title="Governance"
        subtitle="Scores, levels and exemptions of every data product"
      />
      <Content>
        <Grid container spacing={3} alignItems="stretch">
          <Grid item xs={12} md={4}>
            <LevelDistributionCard />
          </Grid>
          <Grid item xs={12} md={8}>
            <ScoreTrendCard />
          </Grid>
          {/* Side by side only where their four columns fit. */}
          <Grid item xs={12} xl={6}>
            <LeaderboardCard by="domains" />
          </Grid>
          <Grid item xs={12} xl={6}>
            <LeaderboardCard by="teams" />
          </Grid>
          <Grid item xs={12} md={5}>
            <MostFailedChecksCard />
          </Grid>
          <Grid item xs={12} md={7}>
            <ExpiringExemptionsCard />
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
}
