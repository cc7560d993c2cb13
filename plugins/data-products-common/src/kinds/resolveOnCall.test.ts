import { Entity } from '@backstage/catalog-model';
import { DataProductEntityV1alpha1 } from './DataProductEntityV1alpha1';
import { resolveOnCall, teamOnCall } from './resolveOnCall';

const team: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: {
    name: 'checkout-data',
    annotations: {
      'meshwork.dev/oncall-provider': 'pagerduty',
      'meshwork.dev/oncall-id': 'PQ3K8ZD',
      'meshwork.dev/oncall-contact': '#checkout-data-oncall',
    },
  },
  spec: { type: 'team' },
};

const product = (support?: DataProductEntityV1alpha1['spec']['support']) =>
  ({
    apiVersion: 'meshwork.dev/v1alpha1',
    kind: 'DataProduct',
    metadata: { name: 'orders' },
    spec: { owner: 'group:checkout-data', support },
  } as unknown as DataProductEntityV1alpha1);

describe('resolveOnCall', () => {
  it("prefers the product's own on-call", () => {
    expect(
      resolveOnCall(
        product({ oncall: { provider: 'opsgenie', contact: 'orders-rota' } }),
        team,
      ),
    ).toEqual({
      provider: 'opsgenie',
      contact: 'orders-rota',
      source: 'product',
    });
  });

  it("falls back to the owning team's annotations", () => {
    expect(resolveOnCall(product({ runbook: 'https://x' }), team)).toEqual({
      provider: 'pagerduty',
      id: 'PQ3K8ZD',
      contact: '#checkout-data-oncall',
      source: 'team',
    });
  });

  it('is undefined when neither says', () => {
    expect(resolveOnCall(product(), undefined)).toBeUndefined();
    expect(
      teamOnCall({ ...team, metadata: { name: 'quiet' } }),
    ).toBeUndefined();
  });
});
