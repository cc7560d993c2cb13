import { checkSuccessor } from './checkSuccessor';
import { DataProductEntityV1alpha1 } from './DataProductEntityV1alpha1';

function product(
  deprecation?: DataProductEntityV1alpha1['spec']['deprecation'],
): DataProductEntityV1alpha1 {
  return {
    apiVersion: 'meshwork.dev/v1alpha1',
    kind: 'DataProduct',
    metadata: { name: 'segments-legacy', namespace: 'customer' },
    spec: {
      domain: 'customer',
      owner: 'group:customer-data',
      lifecycle: 'deprecated',
      type: 'aggregate',
      tier: 3,
      version: '1.0.0',
      outputPorts: [
        { name: 'out', type: 'file', dataset: { namespace: 'n', name: 'd' } },
      ],
      deprecation,
    },
  };
}

describe('checkSuccessor', () => {
  const known: Record<string, { outputPorts?: string[] }> = {
    'dataproduct:customer/segments': { outputPorts: ['segments'] },
    // Exists, though invalid: still a successor.
    'dataproduct:customer/broken': {},
  };
  const lookup = (ref: string) => known[ref];

  it('reports a successor that does not exist, by its normalized ref', () => {
    expect(
      checkSuccessor(product({ successor: 'Ghost' }), {
        lookup,
        where: 'in the catalog',
      }),
    ).toEqual([
      {
        path: 'spec.deprecation.successor',
        message:
          'dataproduct:customer/ghost is not in the catalog (expected an existing DataProduct)',
      },
    ]);
  });

  it('accepts a successor that exists, though invalid, and looks up no other', () => {
    const asked: string[] = [];
    const recording = (ref: string) => {
      asked.push(ref);
      return lookup(ref);
    };
    for (const deprecation of [
      { successor: 'Segments' },
      { successor: 'dataproduct:customer/broken' },
      { sunset: '2027-03-31' },
      undefined,
    ]) {
      expect(
        checkSuccessor(product(deprecation), {
          lookup: recording,
          where: 'in the catalog',
        }),
      ).toEqual([]);
    }
    expect(asked).toEqual([
      'dataproduct:customer/segments',
      'dataproduct:customer/broken',
    ]);
  });
});
