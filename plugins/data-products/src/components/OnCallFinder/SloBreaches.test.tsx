import { screen, within } from '@testing-library/react';
import { renderWithCatalog } from '../../__testUtils__/renderWithCatalog';
import { SloBreaches } from './SloBreaches';

const ORDERS = 'dataproduct:default/orders';

describe('SloBreaches', () => {
  it("says a measure breaching the product's SLO and its contract each its own way once", async () => {
    const customerNulls = {
      column: 'customer_id',
      metric: 'nullRate' as const,
      value: 0.05,
      status: 'breached' as const,
    };
    await renderWithCatalog(
      <SloBreaches
        entityRef={ORDERS}
        statuses={{
          byRef: new Map([
            [
              ORDERS,
              {
                slo: {
                  status: 'breaching',
                  breaching: ['quality'],
                  unobserved: [],
                  unjudged: [],
                },
              },
            ],
          ]),
          sloAvailable: true,
          scorecardsAvailable: true,
        }}
      />,
      {
        dataProductsApi: {
          slo: async entityRef => ({
            entityRef,
            measuredAt: '2026-12-07T03:00:00.000Z',
            windowMs: 28 * 86_400_000,
            outputPorts: [
              {
                name: 'orders',
                dataset: {
                  namespace: 'postgres://warehouse:5432',
                  name: 'analytics.checkout.orders',
                },
                observed: true,
                quality: {
                  status: 'breached',
                  // At most 3% in its SLOs, less than 3% in its contract.
                  rules: [
                    { ...customerNulls, max: 0.03 },
                    {
                      ...customerNulls,
                      max: 0.03,
                      maxExclusive: true,
                      source: 'contract',
                    },
                  ],
                  failedAssertions: [],
                },
              },
            ],
          }),
        },
      },
    );
    const breaches = await screen.findByRole('list', { name: 'SLOs breached' });
    expect(
      within(breaches)
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([
      'orders quality: customer_id nullRate 0.05 (must be at most 0.03, product SLO; less than 0.03, contract)',
    ]);
  });
});
