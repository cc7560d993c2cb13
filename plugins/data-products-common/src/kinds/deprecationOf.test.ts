import { Entity } from '@backstage/catalog-model';
import type { JsonValue } from '@backstage/types';
import { deprecationOf } from './deprecationOf';

function product(
  deprecation: JsonValue | undefined,
  namespace?: string,
): Entity {
  return {
    apiVersion: 'meshwork.dev/v1alpha1',
    kind: 'DataProduct',
    metadata: { name: 'segments-legacy', namespace },
    spec: { lifecycle: 'deprecated', deprecation },
  };
}

describe('deprecationOf', () => {
  it('resolves the successor to a lowercase ref in the product namespace', () => {
    expect(
      deprecationOf(
        product(
          { successor: 'Segments', sunset: '2027-03-31', reason: 'New model.' },
          'Customer',
        ),
      ),
    ).toEqual({
      successorRef: 'dataproduct:customer/segments',
      sunset: '2027-03-31',
      reason: 'New model.',
    });
  });

  it.each([
    [
      'DataProduct:Default/Customer-Segments',
      'dataproduct:default/customer-segments',
    ],
    ['other/customer-segments', 'dataproduct:other/customer-segments'],
    ['customer-segments', 'dataproduct:default/customer-segments'],
  ])('normalizes %s', (successor, successorRef) => {
    expect(deprecationOf(product({ successor }))).toEqual({ successorRef });
  });

  it.each([undefined, null, 'use segments', ['segments']])(
    'is undefined for a deprecation of %j',
    deprecation => {
      expect(deprecationOf(product(deprecation))).toBeUndefined();
    },
  );

  it('leaves out fields that are not text, without failing', () => {
    expect(
      deprecationOf(product({ successor: 5, sunset: 20270331, reason: {} })),
    ).toEqual({});
  });
});
