import { describeQualityBreach } from './describeQualityBreach';

describe('describeQualityBreach', () => {
  const nullRate = { column: 'customer_id', metric: 'nullRate' as const };

  it('names the rule, its value and the bound it crossed, in words', () => {
    expect(describeQualityBreach({ ...nullRate, max: 0.03, value: 0.05 })).toBe(
      'customer_id nullRate 0.05 (must be at most 0.03)',
    );
    expect(
      describeQualityBreach({
        ...nullRate,
        max: 0.03,
        maxExclusive: true,
        value: 0.03,
      }),
    ).toBe('customer_id nullRate 0.03 (must be less than 0.03)');
    expect(
      describeQualityBreach({
        column: 'orders',
        metric: 'rowCount',
        min: 5000,
        value: 120,
      }),
    ).toBe('orders rowCount 120 (must be at least 5000)');
    expect(
      describeQualityBreach({
        column: 'orders',
        metric: 'rowCount',
        min: 0,
        minExclusive: true,
        value: 0,
      }),
    ).toBe('orders rowCount 0 (must be more than 0)');
  });

  it("says a rule is the port's contract's", () => {
    expect(
      describeQualityBreach({
        ...nullRate,
        max: 0.04,
        maxExclusive: true,
        source: 'contract',
        value: 0.04,
      }),
    ).toBe('customer_id nullRate 0.04 (must be less than 0.04, contract)');
  });

  it('says the value once, with each bound it crossed and where each is declared', () => {
    const measured = { ...nullRate, value: 0.05 };
    expect(
      describeQualityBreach(measured, [
        { rule: { ...nullRate, max: 0.03 }, declaredIn: 'product SLO' },
        {
          rule: { ...nullRate, max: 0.03, maxExclusive: true },
          declaredIn: 'contract',
        },
      ]),
    ).toBe(
      'customer_id nullRate 0.05 (must be at most 0.03, product SLO; less than 0.03, contract)',
    );
    expect(
      describeQualityBreach({ ...nullRate, max: 0.03 }, [
        { rule: { ...nullRate, max: 0.03 }, declaredIn: 'product SLO' },
        { rule: { ...nullRate, max: 0.04 }, declaredIn: 'contract' },
      ]),
    ).toBe('customer_id nullRate (product SLO; contract)');
  });

  it('rounds float noise, unless the value would then read as its bound', () => {
    expect(
      describeQualityBreach({
        ...nullRate,
        max: 0.03,
        value: 0.05000311351889906,
      }),
    ).toBe('customer_id nullRate 0.05 (must be at most 0.03)');
    expect(
      describeQualityBreach({ ...nullRate, max: 0.03, value: 0.0300001 }),
    ).toBe('customer_id nullRate 0.0300001 (must be at most 0.03)');
    expect(
      describeQualityBreach({
        column: 'orders',
        metric: 'rowCount',
        min: 123457,
        value: 123456,
      }),
    ).toBe('orders rowCount 123456 (must be at least 123457)');
  });

  it('names a rule without a value or a crossed bound plainly', () => {
    expect(describeQualityBreach({ ...nullRate, max: 0.03 })).toBe(
      'customer_id nullRate',
    );
    expect(
      describeQualityBreach({ ...nullRate, max: 0.03, source: 'contract' }),
    ).toBe('customer_id nullRate (contract)');
    expect(describeQualityBreach({ ...nullRate, max: 0.03, value: 0.01 })).toBe(
      'customer_id nullRate 0.01',
    );
  });
});
