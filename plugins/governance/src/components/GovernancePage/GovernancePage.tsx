import { Content, Header, Link, Page } from '@backstage/core-components';
import { useEntityPresentation } from '@backstage/plugin-catalog-react';
import { Grid } from '@material-ui/core';
import { DomainProductsCard } from '../DomainProductsCard';
import { ExpiringExemptionsCard } from '../ExpiringExemptionsCard';
import { LeaderboardCard } from '../LeaderboardCard';
import { LevelDistributionCard } from '../LevelDistributionCard';
import { MostFailedChecksCard } from '../MostFailedChecksCard';
import { ScoreTrendCard } from '../ScoreTrendCard';
import { useDomainFilter } from '../useDomainFilter';

/**
 * The whole mesh's governance: levels, trend, leaderboards, what fails most
 * and which exemptions lapse soon; or, with `?domain=`, one domain's
 * products, their levels and what they fail. Each card asks for its own
 * data, so one failing request shows its error without blanking the rest.
 */
export function GovernancePage() {
  const { domain } = useDomainFilter();
  if (domain) return <DomainGovernancePage domain={domain} />;
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

/** One domain's products, named by the domain's title as the catalog presents it. */
function DomainGovernancePage(props: { domain: string }) {
  const { domain } = props;
  const { linkTo } = useDomainFilter();
  const { primaryTitle } = useEntityPresentation(domain, {
    defaultKind: 'domain',
  });
  return (
    <Page themeId="tool">
      <Header
        title={`Governance of ${primaryTitle}`}
        subtitle="Scores and levels of the domain's data products"
      />
      <Content>
        <Link to={linkTo(undefined)}>Show every domain</Link>
        <Grid container spacing={3} alignItems="stretch">
          <Grid item xs={12} md={4}>
            <LevelDistributionCard domain={domain} />
          </Grid>
          <Grid item xs={12} md={8}>
            <DomainProductsCard domain={domain} />
          </Grid>
          <Grid item xs={12} md={6}>
            <MostFailedChecksCard domain={domain} />
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
}
