import type { PortSlo, ProductSlo } from './ProductSlo';
import { describeSloBreaches } from './describeSloBreaches';

const HOUR = 3_600_000;
const WINDOW = 28 * 24 * HOUR;

const port = (name: string, measures: Partial<PortSlo>): PortSlo => ({
  name,
  dataset: { namespace: 'postgres://warehouse:5432', name: `mart.${name}` },
  observed: true,
  ...measures,
});

const fresh = {
  status: 'met' as const,
  maxDelayMs: HOUR / 2,
  ageMs: HOUR / 4,
  attainment: 1,
  objective: 0.99,
  windowMs: WINDOW,
  attainmentStatus: 'met' as const,
};

const productSlo = (...outputPorts: PortSlo[]): ProductSlo => ({
  entityRef: 'dataproduct:default/orders',
  measuredAt: '2026-12-07T03:00:00.000Z',
  windowMs: WINDOW,
  outputPorts,
});

describe('describeSloBreaches', () => {
  it('names each breached SLO with its port and its figure against the limit', () => {
    expect(
      describeSloBreaches(
        productSlo(
          port('orders', {
            freshness: fresh,
            volume: {
              status: 'breached',
              latestRowCount: 1_200,
              averageRowCount: 12_000,
              ratio: 0.1,
              band: { minRatio: 0.8, maxRatio: 1.2 },
              samples: 7,
            },
            quality: {
              status: 'breached',
              rules: [
                {
                  column: 'customer_id',
                  metric: 'nullRate',
                  max: 0.03,
                  value: 0.05,
                  status: 'breached',
                },
                {
                  column: 'order_id',
                  metric: 'duplicateRate',
                  max: 0,
                  value: 0,
                  status: 'met',
                },
              ],
              failedAssertions: [],
            },
          }),
          port('order-lines', {
            freshness: {
              ...fresh,
              status: 'breached',
              ageMs: 2 * HOUR + 5 * 60_000,
              attainment: 0.951,
              attainmentStatus: 'breached',
            },
            schema: {
              status: 'breached',
              missingColumns: ['sku'],
              typeChanges: [
                { column: 'quantity', contract: 'integer', observed: 'text' },
              ],
              extraColumns: [],
            },
          }),
        ),
      ),
    ).toEqual([
      'orders volume: 1,200 rows, 0.1× the average (allowed 0.8–1.2)',
      'orders quality: customer_id nullRate 0.05 (must be at most 0.03)',
      'order-lines freshness: last write 2h 5m ago (max 30m), 95.1% of 99% objective',
      'order-lines schema drift: sku missing, quantity integer → text',
    ]);
  });

  it('says data fresh now but not often enough breaches its objective', () => {
    expect(
      describeSloBreaches(
        productSlo(
          port('orders', {
            freshness: {
              ...fresh,
              attainment: 0.857,
              attainmentStatus: 'breached',
            },
          }),
        ),
      ),
    ).toEqual(['orders freshness objective: 85.7% of 99% objective']);
  });

  it('names nothing for a product meeting its SLOs or not yet measured', () => {
    expect(
      describeSloBreaches(
        productSlo(
          port('orders', { freshness: fresh }),
          port('order-lines', { observed: false }),
        ),
      ),
    ).toEqual([]);
  });
});
