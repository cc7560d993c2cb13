import { nameMatchRank, wholeNamesOf } from './wholeNamesOf';

describe('wholeNamesOf', () => {
  it('names a table, a file or a column by its dotted or slashed tails', () => {
    expect(wholeNamesOf('analytics.checkout.Orders')).toEqual([
      'analytics.checkout.orders',
      'checkout.orders',
      'orders',
    ]);
    expect(wholeNamesOf('curated/finance/vat_returns')).toEqual([
      'curated/finance/vat_returns',
      'finance/vat_returns',
      'vat_returns',
    ]);
  });
});

describe('nameMatchRank', () => {
  it('ranks a whole name, then the start of one, then a word inside one', () => {
    expect(nameMatchRank('analytics.checkout.orders', 'orders')).toBe(0);
    expect(nameMatchRank('orders.order_id', 'order_id')).toBe(0);
    expect(nameMatchRank('analytics.checkout.orders', 'order')).toBe(1);
    expect(nameMatchRank('curated/finance/vat_returns', 'returns')).toBe(2);
    expect(nameMatchRank('vat-returns', 'returns')).toBe(2);
  });
});
