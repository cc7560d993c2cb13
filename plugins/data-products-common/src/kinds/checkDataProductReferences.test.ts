import { checkDataProductReferences } from './checkDataProductReferences';
import { DataProductEntityV1alpha1 } from './DataProductEntityV1alpha1';

const product: DataProductEntityV1alpha1 = {
  apiVersion: 'meshwork.dev/v1alpha1',
  kind: 'DataProduct',
  metadata: { name: 'revenue', namespace: 'sales' },
  spec: {
    domain: 'finance',
    owner: 'Finance-Data',
    lifecycle: 'production',
    type: 'aggregate',
    tier: 1,
    version: '1.0.0',
    outputPorts: [
      { name: 'daily', type: 'table', dataset: { namespace: 'n', name: 'd' } },
    ],
    inputPorts: [
      { name: 'orders', from: 'dataproduct:sales/orders#orders' },
      { name: 'lines', from: 'dataproduct:sales/orders#lines' },
      { name: 'fx', dataset: { namespace: 's3://x', name: 'fx' } },
      { name: 'ghost', from: 'ghost#out' },
      { name: 'broken', from: 'broken#out' },
    ],
  },
};

describe('checkDataProductReferences', () => {
  const known: Record<string, { outputPorts?: string[] }> = {
    'group:sales/finance-data': {},
    'dataproduct:sales/orders': { outputPorts: ['orders'] },
    'dataproduct:sales/broken': {},
  };

  it('resolves refs in the product namespace and reports each missing one by field', () => {
    expect(
      checkDataProductReferences(product, {
        lookup: ref => known[ref],
        where: 'in the catalog',
      }),
    ).toEqual([
      {
        path: 'spec.domain',
        message:
          'domain:sales/finance is not in the catalog (expected an existing Domain)',
      },
      {
        path: 'spec.inputPorts[1].from',
        message:
          'dataproduct:sales/orders has no output port "lines" (it has: orders)',
      },
      {
        path: 'spec.inputPorts[3].from',
        message:
          'dataproduct:sales/ghost is not in the catalog (expected an existing DataProduct)',
      },
      {
        path: 'spec.inputPorts[4].from',
        message:
          'dataproduct:sales/broken is itself invalid, so its ports cannot be checked',
      },
    ]);
  });

  it.each([
    ['user:ghost', 'user:sales/ghost', 'User'],
    ['User:ghost', 'user:sales/ghost', 'User'],
    ['group:ghosts', 'group:sales/ghosts', 'Group'],
    ['ghosts', 'group:sales/ghosts', 'Group'],
  ])('expects an existing owner of the kind %s names', (owner, ref, kind) => {
    expect(
      checkDataProductReferences(
        { ...product, spec: { ...product.spec, owner, inputPorts: [] } },
        {
          lookup: r => (r.startsWith('domain:') ? {} : undefined),
          where: 'in the catalog',
        },
      ),
    ).toEqual([
      {
        path: 'spec.owner',
        message: `${ref} is not in the catalog (expected an existing ${kind})`,
      },
    ]);
  });

  it('can leave owner and domain unchecked', () => {
    const issues = checkDataProductReferences(product, {
      lookup: ref => known[ref],
      where: 'here',
      checkOwnerAndDomain: false,
    });
    expect(issues.map(i => i.path)).not.toContain('spec.domain');
  });

  it('names ten ports of an upstream lacking the port, for each of 20,000 input ports', () => {
    const upstreamPorts = Array.from({ length: 20_000 }, (_, i) => `port_${i}`);
    const many = structuredClone(product);
    many.spec.inputPorts = Array.from({ length: 20_000 }, (_, i) => ({
      name: `in_${i}`,
      from: `dataproduct:sales/orders#gone_${i}`,
    }));
    const issues = checkDataProductReferences(many, {
      lookup: ref =>
        ref === 'dataproduct:sales/orders'
          ? { outputPorts: upstreamPorts }
          : {},
      where: 'in the catalog',
    });
    expect(issues).toHaveLength(20_000);
    expect(issues[0]).toEqual({
      path: 'spec.inputPorts[0].from',
      message: `dataproduct:sales/orders has no output port "gone_0" (it has: ${upstreamPorts
        .slice(0, 10)
        .join(', ')} and 19990 more)`,
    });
  });
});
