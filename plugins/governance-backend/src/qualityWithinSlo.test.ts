import { mockCredentials } from '@backstage/backend-test-utils';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports -- the real lineage backend measures the quality rules
import lineagePlugin from '@meshwork/plugin-lineage-backend';
import path from 'path';
import request from 'supertest';
import {
  appConfigPolicies,
  eventually,
  repo,
  startGovernanceBackend,
} from './__testUtils__/startGovernanceBackend';

const checkOf = (card: any, id: string) =>
  card.checks.find((check: any) => check.id === id);

describe('quality-within-slo', () => {
  it('scores the example mesh with the quality rules lineage measured', async () => {
    const backend = await startGovernanceBackend({
      governance: {
        policies: await appConfigPolicies(),
        schedule: { frequency: { seconds: 1 }, timeout: { minutes: 1 } },
        changeDetection: { frequency: { seconds: 1 }, timeout: { minutes: 1 } },
      },
      features: [lineagePlugin],
      config: {
        lineage: {
          seed: { directory: path.join(repo, 'catalog-info/lineage') },
        },
      },
    });
    const card = async (name: string) => {
      const res = await request(backend.server)
        .get(`/api/governance/scorecards/dataproduct/default/${name}`)
        .set('Authorization', mockCredentials.user.header());
      return res.status === 200 ? res.body : undefined;
    };
    try {
      // The seed loads after start-up: wait until its latest runs are scored.
      const scored = await eventually(async () => {
        const [orders, checkoutEvents, campaignPerformance] = await Promise.all(
          ['orders', 'checkout-events', 'campaign-performance'].map(card),
        );
        return (
          orders &&
          checkoutEvents &&
          campaignPerformance &&
          checkOf(orders, 'quality-within-slo')?.status === 'fail' &&
          checkOf(checkoutEvents, 'quality-within-slo')?.status === 'pass' && {
            orders,
            checkoutEvents,
            campaignPerformance,
          }
        );
      }, 'quality findings of the example mesh');
      // Its latest run misses 5% of customer ids, against its SLO's 3% and
      // its contract's.
      expect(checkOf(scored.orders, 'quality-within-slo')).toMatchObject({
        category: 'reliability',
        severity: 'error',
        message: expect.stringMatching(
          /^orders: customer_id nullRate 0\.0[45]\d* \(must be at most 0\.03\), customer_id nullRate 0\.0[45]\d* \(must be less than 0\.03, contract\)\.$/,
        ),
      });
      expect(scored.orders.level).toBe('none');
      expect(checkOf(scored.checkoutEvents, 'quality-within-slo').message).toBe(
        'events: 6 quality rules met. events-archive: 5 quality rules met.',
      );
      expect(
        checkOf(scored.campaignPerformance, 'quality-within-slo'),
      ).toMatchObject({
        status: 'unknown',
        message:
          "No quality rules declared (spec.slos.quality, or quality in an output port's contract) to measure against.",
      });
    } finally {
      await backend.stop();
    }
  }, 180_000);
});
