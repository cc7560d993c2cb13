import { describeQualityBreaches } from './describeQualityBreaches';

describe('describeQualityBreaches', () => {
  const customerNulls = {
    column: 'customer_id',
    metric: 'nullRate' as const,
    value: 0.05,
    status: 'breached' as const,
  };

  it('says once a breach the product and its contract bound alike, naming both', () => {
    expect(
      describeQualityBreaches([
        { ...customerNulls, max: 0.03 },
        {
          ...customerNulls,
          column: 'CUSTOMER_ID',
          max: 0.03,
          source: 'contract',
        },
      ]),
    ).toEqual([
      'customer_id nullRate 0.05 (must be at most 0.03, product SLO and contract)',
    ]);
  });

  it('says the value once, with each bound and its source, when they differ', () => {
    // The orders product: at most 3% in its SLOs, less than 3% in its contract.
    expect(
      describeQualityBreaches([
        { ...customerNulls, max: 0.03 },
        { ...customerNulls, max: 0.03, maxExclusive: true, source: 'contract' },
      ]),
    ).toEqual([
      'customer_id nullRate 0.05 (must be at most 0.03, product SLO; less than 0.03, contract)',
    ]);
    expect(
      describeQualityBreaches([
        { ...customerNulls, max: 0.04, source: 'contract' },
        { ...customerNulls, max: 0.03 },
        { ...customerNulls, column: 'Customer_ID', max: 0.04 },
      ]),
    ).toEqual([
      'customer_id nullRate 0.05 (must be at most 0.04, contract and product SLO; at most 0.03, product SLO)',
    ]);
  });

  it('says in full a value that, rounded, reads as either bound', () => {
    expect(
      describeQualityBreaches([
        { ...customerNulls, max: 0.04, value: 0.0400001 },
        { ...customerNulls, max: 0.03, value: 0.0400001, source: 'contract' },
      ]),
    ).toEqual([
      'customer_id nullRate 0.0400001 (must be at most 0.04, product SLO; at most 0.03, contract)',
    ]);
  });

  it('words a breach of one rule alone as before, and leaves out rules met', () => {
    expect(
      describeQualityBreaches([
        { ...customerNulls, max: 0.03 },
        { ...customerNulls, max: 0.1, source: 'contract', status: 'met' },
        {
          column: 'order_id',
          metric: 'duplicateRate',
          max: 0,
          value: 0.01,
          status: 'breached',
        },
        {
          column: 'orders',
          metric: 'rowCount',
          min: 5000,
          value: 120,
          status: 'breached',
          source: 'contract',
        },
      ]),
    ).toEqual([
      'customer_id nullRate 0.05 (must be at most 0.03)',
      'order_id duplicateRate 0.01 (must be at most 0)',
      'orders rowCount 120 (must be at least 5000, contract)',
    ]);
  });
});
