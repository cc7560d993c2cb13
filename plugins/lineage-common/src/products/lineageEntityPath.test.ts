import { lineageEntityPath } from './lineageEntityPath';

describe('lineageEntityPath', () => {
  it('lower-cases the kind and encodes each part', () => {
    expect(
      lineageEntityPath({
        kind: 'DataProduct',
        namespace: 'Retail',
        name: 'orders/daily #1',
      }),
    ).toBe('entities/dataproduct/Retail/orders%2Fdaily%20%231');
  });
});
