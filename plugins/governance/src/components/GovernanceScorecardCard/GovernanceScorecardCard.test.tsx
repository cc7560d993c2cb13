import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { formatTime } from '@meshwork/plugin-data-products-common';
import type { Scorecard } from '@meshwork/plugin-governance-common';
import { screen } from '@testing-library/react';
import { fakeGovernanceApi } from '../../__testUtils__/fixtures';
import { GovernanceApi, governanceApiRef } from '../../api';
import { GovernanceScorecardCard } from './GovernanceScorecardCard';
import {
  contrastOf,
  inAppTheme,
} from '@meshwork/plugin-data-products-react/testUtils';

const product = {
  apiVersion: 'meshwork.dev/v1alpha1',
  kind: 'DataProduct',
  metadata: { name: 'returns', namespace: 'default' },
  spec: {},
};

const scorecard: Scorecard = {
  entityRef: 'dataproduct:default/returns',
  score: 94,
  level: 'bronze',
  evaluatedAt: '2026-11-24T05:00:00.000Z',
  checks: [
    {
      id: 'freshness-slo-declared',
      title: 'Freshness SLO declared',
      category: 'reliability',
      severity: 'warning',
      status: 'fail',
      message: 'No freshness SLO.',
      remediation: 'Add spec.slos.freshness.',
    },
    {
      id: 'owner-is-group',
      title: 'Owner is a group',
      category: 'ownership',
      severity: 'error',
      status: 'pass',
      message: 'Owned by group:default/logistics-data.',
      remediation: 'Set spec.owner to a Group.',
    },
  ],
};

function renderCard(api: Pick<GovernanceApi, 'getScorecard'>) {
  return renderInTestApp(
    <EntityProvider entity={product}>
      <GovernanceScorecardCard />
    </EntityProvider>,
    { apis: [[governanceApiRef, fakeGovernanceApi(api)]] },
  );
}

describe('GovernanceScorecardCard', () => {
  it('shows the score, the level and what fails with its fix', async () => {
    const asked: unknown[] = [];
    await renderCard({
      getScorecard: async ref => {
        asked.push(ref);
        return scorecard;
      },
    });
    expect(await screen.findByText('94')).toBeInTheDocument();
    // When, with the zone named.
    expect(
      screen.getByText(`Evaluated ${formatTime('2026-11-24T05:00:00.000Z')}`),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Level bronze')).toBeInTheDocument();
    expect(
      screen.getByText(
        'Level bronze: a check of severity warning fails (Freshness SLO declared), none of severity error',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Fails: Freshness SLO declared (warning)'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('No freshness SLO. Fix: Add spec.slos.freshness.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Passes: Owner is a group (error)'),
    ).toBeInTheDocument();
    expect(asked).toEqual([
      { kind: 'DataProduct', namespace: 'default', name: 'returns' },
    ]);
  });

  it('says why a high score has level none, naming the error check that fails', async () => {
    await renderCard({
      getScorecard: async () => ({
        ...scorecard,
        score: 92,
        level: 'none',
        checks: [
          {
            id: 'freshness-within-slo',
            title: 'Fresh within its SLO',
            category: 'reliability',
            severity: 'error',
            status: 'fail',
            message:
              'orders: last successful write at 2026-11-24 04:00 UTC (SLO 30 min).',
            remediation: 'Rerun the pipeline.',
          },
          ...scorecard.checks.slice(1),
        ],
      }),
    });
    expect(await screen.findByLabelText('Level none')).toBeInTheDocument();
    expect(
      screen.getByText(
        'Level none: a check of severity error fails (Fresh within its SLO)',
      ),
    ).toBeInTheDocument();
  });

  it('shows what kept the product from being scored as configured', async () => {
    const problem =
      'domain returns-lab: meshwork.dev/governance-checks: unknown check "runbok-present"; its products are scored under the global policies only';
    await renderCard({
      getScorecard: async () => ({ ...scorecard, problems: [problem] }),
    });
    expect(await screen.findByText(problem)).toBeInTheDocument();
    expect(screen.getByText(/Not scored as configured/)).toBeInTheDocument();
  });

  it('shows no problem when nothing kept it from being scored as configured', async () => {
    await renderCard({ getScorecard: async () => scorecard });
    expect(await screen.findByText('94')).toBeInTheDocument();
    expect(screen.queryByText(/Not scored as configured/)).toBeNull();
  });

  it('says when the product has not been scored yet', async () => {
    await renderCard({ getScorecard: async () => undefined });
    expect(await screen.findByText('Not scored yet')).toBeInTheDocument();
  });

  it('shows the error when the backend fails', async () => {
    await renderCard({
      getScorecard: async () => {
        throw new Error('governance backend down');
      },
    });
    expect(
      (await screen.findAllByText(/governance backend down/)).length,
    ).toBeGreaterThan(0);
  });

  describe.each(['light', 'dark'])('in the %s theme', themeId => {
    inAppTheme(themeId);

    it('shows a failing check in red that reads (4.5:1) on the card, and its title as a heading', async () => {
      await renderCard({ getScorecard: async () => scorecard });
      expect(
        screen.getByRole('heading', { name: 'Governance scorecard', level: 2 }),
      ).toBeInTheDocument();
      const failing = await screen.findByText(
        'Fails: Freshness SLO declared (warning)',
      );
      expect(contrastOf(failing)).toBeGreaterThanOrEqual(4.5);
      // Still red, not the text colour: it says the check fails.
      const [red, green, blue] = getComputedStyle(failing)
        .color.match(/\d+/g)!
        .map(Number);
      expect(red).toBeGreaterThan(green + 40);
      expect(red).toBeGreaterThan(blue + 40);
    });
  });
});
