import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleDataProducts from '@meshwork/plugin-catalog-backend-module-data-products';
import { promises as fs } from 'fs';
import path from 'path';
import request from 'supertest';
import { parse as parseYaml } from 'yaml';
import { governancePlugin } from './plugin';

const repo = path.resolve(__dirname, '../../..');

async function appConfigPolicies() {
  const config = parseYaml(
    await fs.readFile(path.join(repo, 'app-config.yaml'), 'utf8'),
  );
  return config.governance.policies;
}

/**
 * The catalog and governance plugins on a test backend, each with its own
 * in-memory SQLite database (the store's own tests cover Postgres).
 */
async function startGovernance(governance: object) {
  return startTestBackend({
    features: [
      catalogPlugin,
      catalogModuleDataProducts,
      governancePlugin,
      // The real scheduler: evaluation runs on its schedule.
      schedulerServiceFactory,
      // A request without a token is anonymous, as in production.
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      mockServices.rootConfig.factory({
        data: {
          governance,
          catalog: {
            processingInterval: { seconds: 1 },
            rules: [
              { allow: ['Group', 'User', 'Domain', 'Location', 'DataProduct'] },
            ],
            locations: [
              {
                type: 'file',
                target: path.join(repo, 'catalog-info/org/*.yaml'),
              },
              {
                type: 'file',
                target: path.join(repo, 'catalog-info/products/**/*.yaml'),
              },
            ],
          },
        },
      }),
    ],
  });
}

describe('governance backend', () => {
  it('scores the example mesh on its schedule and serves scorecards, rollups and history', async () => {
    const backend = await startGovernance({
      policies: await appConfigPolicies(),
      evaluationSeconds: 1,
    });
    const get = (url: string) =>
      request(backend.server)
        .get(`/api/governance${url}`)
        .set('Authorization', mockCredentials.user.header());
    try {
      const products = (
        await fs.readdir(path.join(repo, 'catalog-info/products'), {
          recursive: true,
        })
      ).filter(file => file.endsWith('.yaml')).length;
      const deadline = Date.now() + 90_000;
      while ((await get('/scorecards')).body.length !== products) {
        if (Date.now() > deadline) throw new Error('never evaluated');
        await new Promise(resolve => setTimeout(resolve, 500));
      }

      const list = (await get('/scorecards').expect(200)).body;
      const levels = new Set(list.map((card: any) => card.level));
      expect(levels).toContain('gold');
      expect(levels).toContain('bronze');
      expect(
        (await get('/scorecards?level=bronze').expect(200)).body.map(
          (card: any) => card.entityRef,
        ),
      ).toContain('dataproduct:default/delivery-performance');

      const card = (
        await get('/scorecards/dataproduct/default/delivery-performance')
      ).body;
      expect(card).toMatchObject({
        entityRef: 'dataproduct:default/delivery-performance',
        level: 'bronze',
        domain: 'domain:default/logistics',
      });
      expect(card.checks).toContainEqual(
        expect.objectContaining({
          id: 'runbook-present',
          status: 'fail',
          remediation: expect.stringContaining('spec.support.runbook'),
        }),
      );
      // Lineage is not consulted yet: runtime checks are unknown.
      expect(card.checks).toContainEqual(
        expect.objectContaining({
          id: 'freshness-within-slo',
          status: 'unknown',
        }),
      );

      const domains = (await get('/rollups/domains').expect(200)).body;
      expect(domains.reduce((sum: number, d: any) => sum + d.products, 0)).toBe(
        products,
      );
      expect(domains.map((d: any) => d.key)).toContain(
        'domain:default/logistics',
      );
      expect((await get('/rollups/teams').expect(200)).body.length).toBe(
        new Set(list.map((c: any) => c.owner)).size,
      );
      const trend = (await get('/history').expect(200)).body;
      // Earlier points may be from before the catalog held every product.
      expect(trend[trend.length - 1]).toMatchObject({ products });
      expect(
        (
          await get('/history/dataproduct/default/delivery-performance').expect(
            200,
          )
        ).body[0],
      ).toMatchObject({ level: 'bronze' });

      await get('/scorecards/dataproduct/default/nope').expect(404);
      await get('/rollups/colours').expect(404);
      expect(
        (await get('/history?from=yesterday').expect(400)).body.error.message,
      ).toBe('from: expected an ISO 8601 time (got "yesterday")');
      await request(backend.server)
        .get('/api/governance/scorecards')
        .expect(401);

      const evaluate = (entity: unknown) =>
        request(backend.server)
          .post('/api/governance/evaluate')
          .set('Authorization', mockCredentials.user.header())
          .send({ entity });
      const draft = parseYaml(
        await fs.readFile(
          path.join(
            repo,
            'catalog-info/products/logistics/delivery-performance.yaml',
          ),
          'utf8',
        ),
      );
      draft.metadata.name = 'delivery-performance-draft';
      const dryRun = await evaluate(draft);
      expect(dryRun.status).toBe(200);
      expect(dryRun.body.entityRef).toBe(
        'dataproduct:default/delivery-performance-draft',
      );
      expect(dryRun.body.checks).toContainEqual(
        expect.objectContaining({ id: 'runbook-present', status: 'fail' }),
      );
      // A dry run is stored nowhere.
      expect((await get('/scorecards')).body).toHaveLength(products);
      const invalid = await evaluate({
        apiVersion: 'meshwork.dev/v1alpha1',
        kind: 'DataProduct',
        metadata: { name: 'draft' },
        spec: { domain: 'logistics' },
      });
      expect(invalid.status).toBe(400);
      expect(invalid.body.error.message).toContain('entity.spec.owner');
      await request(backend.server)
        .post('/api/governance/evaluate')
        .send({})
        .expect(401);
    } finally {
      await backend.stop();
    }
  }, 180_000);

  it('stops start-up on a policy naming an unknown check', async () => {
    await expect(
      startGovernance({
        policies: [{ name: 'strict', checks: ['no-such-check'] }],
      }),
    ).rejects.toThrow(/no-such-check/);
  });
});
