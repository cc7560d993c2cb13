import { Entity } from '@backstage/catalog-model';
import { DataProductEntityV1alpha1 } from './DataProductEntityV1alpha1';
import { resolveRunbook } from './resolveRunbook';

const team = (links: Entity['metadata']['links']): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'checkout-data', links },
  spec: { type: 'team' },
});

const product = (
  support?: DataProductEntityV1alpha1['spec']['support'],
  links?: DataProductEntityV1alpha1['metadata']['links'],
) =>
  ({
    apiVersion: 'meshwork.dev/v1alpha1',
    kind: 'DataProduct',
    metadata: { name: 'orders', links },
    spec: { owner: 'group:checkout-data', support },
  } as unknown as DataProductEntityV1alpha1);

const teamRunbook = team([
  { type: 'slack', url: 'https://slack.example/checkout-data' },
  { type: 'runbook', url: 'https://wiki.example/checkout-data' },
]);

describe('resolveRunbook', () => {
  it("prefers the product's own runbook, declared or linked", () => {
    expect(
      resolveRunbook(
        product({ runbook: 'https://runbooks.example/orders' }),
        teamRunbook,
      ),
    ).toEqual({ url: 'https://runbooks.example/orders', source: 'product' });
    expect(
      resolveRunbook(
        product({}, [{ title: 'Runbook', url: 'https://wiki.example/orders' }]),
        teamRunbook,
      ),
    ).toEqual({ url: 'https://wiki.example/orders', source: 'product' });
  });

  it("opens no team's runbook that is not an http(s) URL", () => {
    expect(
      resolveRunbook(
        product(),
        // eslint-disable-next-line no-script-url
        team([{ type: 'runbook', url: 'javascript:alert(1)' }]),
      ),
    ).toBeUndefined();
  });

  it("falls back to the owning team's runbook link", () => {
    expect(resolveRunbook(product(), teamRunbook)).toEqual({
      url: 'https://wiki.example/checkout-data',
      source: 'team',
    });
  });

  it("finds the team's runbook by the rule a product's link is found by", () => {
    expect(
      resolveRunbook(
        product(),
        team([
          { title: 'Runbook', url: 'https://wiki.example/titled' },
          { type: 'RUNBOOK', url: 'https://wiki.example/typed' },
        ]),
      ),
    ).toEqual({ url: 'https://wiki.example/typed', source: 'team' });
    expect(
      resolveRunbook(
        product(),
        team([{ title: ' runbook ', url: 'https://wiki.example/titled' }]),
      ),
    ).toEqual({ url: 'https://wiki.example/titled', source: 'team' });
  });

  it('is undefined when neither has one, or the team is not known', () => {
    expect(resolveRunbook(product(), undefined)).toBeUndefined();
    expect(
      resolveRunbook(
        product(),
        team([{ type: 'slack', url: 'https://slack.example/checkout-data' }]),
      ),
    ).toBeUndefined();
    expect(resolveRunbook(product(), team(undefined))).toBeUndefined();
  });
});
