import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports -- the real lineage backend feeds the runtime checks
import lineagePlugin from '@meshwork/plugin-lineage-backend';
import { promises as fs } from 'fs';
import type { Request, Response } from 'express';
import os from 'os';
import path from 'path';
import request from 'supertest';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import {
  appConfigPolicies,
  repo,
  startGovernanceBackend,
} from './__testUtils__/startGovernanceBackend';
import { eventually, permissionsHidingLabelled } from '@meshwork/test-utils';

const fast = {
  schedule: { frequency: { seconds: 1 }, timeout: { minutes: 1 } },
  changeDetection: { frequency: { seconds: 1 }, timeout: { minutes: 1 } },
};

async function exampleProductCount() {
  return (
    await fs.readdir(path.join(repo, 'catalog-info/products'), {
      recursive: true,
    })
  ).filter(file => file.endsWith('.yaml')).length;
}

/**
 * The example mesh's returns product with its contracts inlined, so that a
 * copy of it can be written anywhere: their paths are relative to its file.
 */
async function returnsWithContractsInlined() {
  const dir = path.join(repo, 'catalog-info/products/logistics');
  const product = parseYaml(
    await fs.readFile(path.join(dir, 'returns.yaml'), 'utf8'),
  );
  for (const port of product.spec.outputPorts) {
    port.contract = parseYaml(
      await fs.readFile(path.join(dir, port.contract), 'utf8'),
    );
  }
  return product;
}

const checkOf = (card: any, id: string) =>
  card.checks.find((check: any) => check.id === id);

/** GET from the governance API as a signed-in user. */
const userGet =
  (backend: { server: Parameters<typeof request>[0] }) => (url: string) =>
    request(backend.server)
      .get(`/api/governance${url}`)
      .set('Authorization', mockCredentials.user.header());

/** A lineage backend whose store is down: it answers every request 503. */
const failingLineagePlugin = createBackendPlugin({
  pluginId: 'lineage',
  register(env) {
    env.registerInit({
      deps: { httpRouter: coreServices.httpRouter },
      async init({ httpRouter }) {
        httpRouter.use((_req: Request, res: Response) => {
          res.status(503).json({
            error: { name: 'ServiceUnavailableError', message: 'store down' },
          });
        });
        httpRouter.addAuthPolicy({ path: '/', allow: 'unauthenticated' });
      },
    });
  },
});

/** A week's exemption of `entityRef` from a check (freshness), as a user. */
const exemptFromFreshness = (
  backend: { server: Parameters<typeof request>[0] },
  entityRef: string,
  checkId = 'freshness-within-slo',
) =>
  request(backend.server)
    .post('/api/governance/exemptions')
    .set('Authorization', mockCredentials.user.header())
    .send({
      entityRef,
      checkId,
      justification: 'The upstream warehouse is being migrated.',
      approver: 'group:default/data-platform',
      expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    });

/** Scorecards without when they were stored, which every full pass renews. */
const withoutStoredTime = (cards: any[]) =>
  cards.map(({ evaluatedAt: _evaluatedAt, ...card }) => card);

/**
 * The governance backend over the example org and `docs`, written to a file
 * of their own that a test may rewrite: one full pass at start-up (before
 * the catalog has read anything), then change detection every second.
 */
async function startWithProducts(
  docs: object[],
  features: Parameters<typeof startGovernanceBackend>[0]['features'] = [],
  governance: object = {},
) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'governance-'));
  const file = path.join(dir, 'products.yaml');
  await fs.writeFile(file, docs.map(doc => stringifyYaml(doc)).join('---\n'));
  const backend = await startGovernanceBackend({
    governance: {
      policies: await appConfigPolicies(),
      schedule: { frequency: { hours: 1 }, timeout: { minutes: 1 } },
      changeDetection: fast.changeDetection,
      platformTeam: 'group:default/Data-Platform',
      ...governance,
    },
    catalogTargets: [path.join(repo, 'catalog-info/org/*.yaml'), file],
    features,
  });
  return {
    backend,
    file,
    stop: async () => {
      await backend.stop();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

describe('governance backend', () => {
  it('scores the example mesh with lineage measurements, and serves scorecards, rollups and history', async () => {
    const backend = await startGovernanceBackend({
      governance: { policies: await appConfigPolicies(), ...fast },
      features: [lineagePlugin],
      config: {
        lineage: {
          seed: { directory: path.join(repo, 'catalog-info/lineage') },
        },
      },
    });
    const get = userGet(backend);
    try {
      const products = await exampleProductCount();
      // The seed events load after start-up, 500 at a time, and a schedule
      // that runs meanwhile scores some products on part of them: wait
      // until every finding this test reads has been scored on all of them.
      const scored = await eventually(async () => {
        const [dailyRevenue, webSessions, campaignPerformance] =
          await Promise.all(
            ['daily-revenue', 'web-sessions', 'campaign-performance'].map(
              name => get(`/scorecards/dataproduct/default/${name}`),
            ),
          );
        return (
          [dailyRevenue, webSessions, campaignPerformance].every(
            res => res.status === 200,
          ) &&
          checkOf(dailyRevenue.body, 'freshness-within-slo').status ===
            'fail' &&
          checkOf(webSessions.body, 'no-schema-drift').status === 'fail' &&
          checkOf(campaignPerformance.body, 'no-undeclared-dependencies')
            .status === 'fail' &&
          (await get('/scorecards')).body.length === products && {
            dailyRevenue: dailyRevenue.body,
            campaignPerformance: campaignPerformance.body,
          }
        );
      }, 'lineage findings of the example mesh');
      const { dailyRevenue } = scored;
      expect(checkOf(dailyRevenue, 'freshness-within-slo').message).toMatch(
        /^daily-revenue: (last successful write|fresh) /,
      );
      expect(dailyRevenue.level).toBe('none');
      expect(dailyRevenue.exemptions).toEqual([]);
      expect(
        checkOf(scored.campaignPerformance, 'no-undeclared-dependencies')
          .message,
      ).toContain('customer-profiles');

      const list = (await get('/scorecards').expect(200)).body;
      expect(list[0]).toEqual({
        entityRef: expect.any(String),
        domain: expect.any(String),
        owner: expect.any(String),
        score: expect.any(Number),
        level: expect.any(String),
        failing: expect.any(Number),
        evaluatedAt: expect.any(String),
      });
      const levels = new Set(list.map((card: any) => card.level));
      expect(levels).toContain('gold');
      expect(levels).toContain('none');
      const card = (
        await get('/scorecards/dataproduct/default/delivery-performance')
      ).body;
      expect(card).toMatchObject({
        entityRef: 'dataproduct:default/delivery-performance',
        domain: 'domain:default/logistics',
      });
      expect(card.sourceHash).toBeUndefined();
      expect(checkOf(card, 'runbook-present')).toMatchObject({
        status: 'fail',
        category: 'documentation',
        severity: 'warning',
        remediation: expect.stringContaining('spec.support.runbook'),
      });
      const refsWhere = (keep: (card: any) => boolean) =>
        list
          .filter(keep)
          .map((c: any) => c.entityRef)
          .sort();
      const logistics = refsWhere(c => c.domain === 'domain:default/logistics');
      expect(logistics).toContain('dataproduct:default/delivery-performance');
      expect(
        (
          await get('/scorecards?domain=domain:default/logistics').expect(200)
        ).body
          .map((c: any) => c.entityRef)
          .sort(),
      ).toEqual(logistics);
      // A domain as policies name it: by name, in any case.
      expect(
        (await get('/scorecards?domain=Logistics').expect(200)).body
          .map((c: any) => c.entityRef)
          .sort(),
      ).toEqual(logistics);
      expect(
        (await get('/scorecards?level=platinum').expect(400)).body.error
          .message,
      ).toBe(
        'level: expected one of none, bronze, silver, gold (got "platinum")',
      );
      expect(
        (await get('/scorecards?domain=domain%3A').expect(400)).body.error
          .message,
      ).toMatch(/^domain: expected an entity ref like domain:default\/name/);
      expect(
        (await get(`/scorecards?level=${card.level}`).expect(200)).body.map(
          (c: any) => c.entityRef,
        ),
      ).toContain(card.entityRef);
      const owner = card.owner;
      const owned = refsWhere(c => c.owner === owner);
      expect(owned.length).toBeLessThan(list.length);
      expect(
        (
          await get(`/scorecards?owner=${encodeURIComponent(owner)}`).expect(
            200,
          )
        ).body
          .map((c: any) => c.entityRef)
          .sort(),
      ).toEqual(owned);

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
      expect(trend[trend.length - 1]).toMatchObject({
        period: `${new Date().toISOString().slice(0, 10)}T00:00:00.000Z`,
        products,
      });
      const hourly = (await get('/history?by=hour').expect(200)).body;
      expect(hourly[hourly.length - 1].period).toBe(
        `${new Date().toISOString().slice(0, 13)}:00:00.000Z`,
      );
      expect(
        (await get('/history?by=week').expect(400)).body.error.message,
      ).toBe('by: expected one of day, hour (got "week")');
      expect(
        (
          await get('/history/dataproduct/default/delivery-performance').expect(
            200,
          )
        ).body[0],
      ).toMatchObject({
        score: expect.any(Number),
        failing: expect.any(Number),
      });
      expect((await get('/checks').expect(200)).body).toHaveLength(14);

      await get('/scorecards/dataproduct/default/nope').expect(404);
      await get('/rollups/colours').expect(404);
      expect(
        (await get('/history?from=yesterday').expect(400)).body.error.message,
      ).toBe(
        'from: expected an ISO 8601 date or date-time such as 2024-06-01 or 2024-06-01T00:00:00Z (got "yesterday")',
      );
      // A window that ends before it starts is a mistake, not an empty one.
      const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
      for (const route of [
        '/history',
        '/history/dataproduct/default/delivery-performance',
      ]) {
        expect(
          (await get(`${route}?from=${tomorrow}`).expect(400)).body.error
            .message,
        ).toMatch(/^from: expected a time no later than to/);
      }
      await request(backend.server)
        .get('/api/governance/scorecards')
        .expect(401);
    } finally {
      await backend.stop();
    }
  }, 180_000);

  it('re-scores a product soon after its file changes, between full passes', async () => {
    const original = await returnsWithContractsInlined();
    delete original.metadata.description;
    const { backend, file, stop } = await startWithProducts([original]);
    const get = (url: string) =>
      request(backend.server)
        .get(`/api/governance${url}`)
        .set('Authorization', mockCredentials.service.header());
    try {
      const before = await eventually(async () => {
        const res = await get('/scorecards/dataproduct/default/returns');
        return res.status === 200 && res.body;
      }, 'first scorecard');
      expect(checkOf(before, 'description-present').status).toBe('fail');

      await fs.writeFile(
        file,
        stringifyYaml({
          ...original,
          metadata: { ...original.metadata, description: 'Every return.' },
        }),
      );
      const after = await eventually(
        async () => {
          const res = await get('/scorecards/dataproduct/default/returns');
          return (
            checkOf(res.body, 'description-present').status === 'pass' &&
            res.body
          );
        },
        'scorecard after the change',
        60_000,
      );
      expect(after.score).toBeGreaterThan(before.score);
      const history = (
        await get('/history/dataproduct/default/returns').expect(200)
      ).body;
      expect(history.map((p: any) => p.score)).toEqual([
        before.score,
        after.score,
      ]);

      // Renamed: the catalog drops the old entity as an orphan.
      await fs.writeFile(
        file,
        stringifyYaml({
          ...original,
          metadata: { ...original.metadata, name: 'returns-renamed' },
        }),
      );
      await eventually(
        async () =>
          (await get('/scorecards/dataproduct/default/returns')).status ===
            404 &&
          (
            await get('/scorecards/dataproduct/default/returns-renamed')
          ).status === 200,
        'scorecard removed with the product',
        90_000,
      );
    } finally {
      await stop();
    }
  }, 240_000);

  it('revokes the exemptions of a product that leaves the catalog, so that a later product of its name starts without them', async () => {
    const original = await returnsWithContractsInlined();
    delete original.metadata.description;
    // No grace period: removed as soon as it is missing.
    const { backend, file, stop } = await startWithProducts([original], [], {
      removalGracePeriod: { seconds: 0 },
    });
    const get = userGet(backend);
    const descriptionOf = async () => {
      const res = await get('/scorecards/dataproduct/default/returns');
      return res.status === 200 && res.body;
    };
    try {
      await eventually(descriptionOf, 'first scorecard');
      const granted = (
        await exemptFromFreshness(
          backend,
          'dataproduct:default/returns',
          'description-present',
        ).expect(201)
      ).body;

      await fs.writeFile(
        file,
        stringifyYaml({
          ...original,
          metadata: { ...original.metadata, name: 'returns-renamed' },
        }),
      );
      await eventually(
        async () =>
          (await get('/scorecards/dataproduct/default/returns')).status === 404,
        'scorecard removed with the product',
        90_000,
      );
      expect(
        (await get('/exemptions?expiringWithinDays=30').expect(200)).body,
      ).toEqual([]);
      expect(
        (await get(`/exemptions/${granted.id}`).expect(200)).body,
      ).toMatchObject({
        state: 'revoked',
        revocationReason: 'The product left the catalog',
      });

      // Another product registered under the name is scored on its own.
      await fs.writeFile(file, stringifyYaml(original));
      const later = await eventually(
        descriptionOf,
        'scorecard of the later product',
        90_000,
      );
      expect(checkOf(later, 'description-present').status).toBe('fail');
      expect(later.exemptions).toEqual([]);
    } finally {
      await stop();
    }
  }, 240_000);

  it('revokes the exemptions of a product that leaves the catalog before it was ever scored', async () => {
    const original = await returnsWithContractsInlined();
    // Lineage down from the start: the product is never scored.
    const { backend, file, stop } = await startWithProducts(
      [original],
      [failingLineagePlugin],
      { removalGracePeriod: { seconds: 0 } },
    );
    const get = userGet(backend);
    try {
      const granted = await eventually(async () => {
        const res = await exemptFromFreshness(
          backend,
          'dataproduct:default/returns',
        );
        return res.status === 201 && res.body;
      }, 'the exemption granted once the catalog holds the product');
      await get('/scorecards/dataproduct/default/returns').expect(404);

      await fs.writeFile(
        file,
        stringifyYaml({
          ...original,
          metadata: { ...original.metadata, name: 'returns-renamed' },
        }),
      );
      const revoked = await eventually(
        async () => {
          const res = await get(`/exemptions/${granted.id}`).expect(200);
          return res.body.state === 'revoked' && res.body;
        },
        'the exemption revoked with the product',
        90_000,
      );
      expect(revoked.revocationReason).toBe('The product left the catalog');
      expect((await get('/exemptions').expect(200)).body).toEqual([]);
    } finally {
      await stop();
    }
  }, 240_000);

  it('keeps the history and exemptions of a product that leaves the catalog and comes back within the grace period', async () => {
    const original = await returnsWithContractsInlined();
    delete original.metadata.description;
    // The default grace period, a day.
    const { backend, file, stop } = await startWithProducts([original]);
    const get = userGet(backend);
    const ref = 'dataproduct:default/returns';
    try {
      await eventually(
        async () =>
          (await get('/scorecards/dataproduct/default/returns')).status === 200,
        'first scorecard',
      );
      const granted = await eventually(async () => {
        const res = await exemptFromFreshness(
          backend,
          ref,
          'description-present',
        );
        return res.status === 201 && res.body;
      }, 'the exemption granted once the catalog holds the product');
      const exempted = await eventually(async () => {
        const res = await get('/scorecards/dataproduct/default/returns');
        return (
          checkOf(res.body, 'description-present')?.status === 'exempt' &&
          res.body
        );
      }, 'scored with the exemption');
      const history = (
        await get('/history/dataproduct/default/returns').expect(200)
      ).body;
      expect(history.length).toBeGreaterThan(0);

      // The catalog re-creates the product under another name, as when its
      // location moves, and then under its own.
      await fs.writeFile(
        file,
        stringifyYaml({
          ...original,
          metadata: { ...original.metadata, name: 'returns-moved' },
        }),
      );
      await eventually(
        async () =>
          (await get('/scorecards/dataproduct/default/returns')).status === 404,
        'the scorecard hidden while the product is missing',
        90_000,
      );
      expect(
        (await get('/scorecards').expect(200)).body.map(
          (card: any) => card.entityRef,
        ),
      ).not.toContain(ref);
      // None of its history is answered while it is missing, as for a
      // product never scored; it is kept (shown again below).
      expect(
        (await get('/history/dataproduct/default/returns').expect(200)).body,
      ).toEqual([]);
      expect(
        (await get(`/exemptions/${granted.id}`).expect(200)).body.state,
      ).toBe('active');

      await fs.writeFile(file, stringifyYaml(original));
      const back = await eventually(
        async () => {
          const res = await get('/scorecards/dataproduct/default/returns');
          return res.status === 200 && res.body;
        },
        'the scorecard back with the product',
        90_000,
      );
      expect(checkOf(back, 'description-present')).toEqual(
        checkOf(exempted, 'description-present'),
      );
      expect(
        (await get(`/exemptions/${granted.id}`).expect(200)).body.state,
      ).toBe('active');
      const after = (
        await get('/history/dataproduct/default/returns').expect(200)
      ).body;
      expect(after.slice(0, history.length)).toEqual(history);
    } finally {
      await stop();
    }
  }, 240_000);

  it('lists a default 30-day grant under exemptions expiring within 30 days, and not a 31-day one', async () => {
    const { backend, stop } = await startWithProducts([
      await returnsWithContractsInlined(),
    ]);
    // As the grant dialog sends them: through a whole UTC day.
    const throughUtcDayIn = (days: number) =>
      `${new Date(Date.now() + days * 86_400_000)
        .toISOString()
        .slice(0, 10)}T23:59:59.999Z`;
    const grant = (checkId: string, days: number) =>
      request(backend.server)
        .post('/api/governance/exemptions')
        .set('Authorization', mockCredentials.user.header())
        .send({
          entityRef: 'dataproduct:default/returns',
          checkId,
          justification: 'The runbook moves to the new wiki.',
          approver: 'group:default/data-platform',
          expiresAt: throughUtcDayIn(days),
        });
    try {
      const thirty = await eventually(async () => {
        const res = await grant('runbook-present', 30);
        return res.status === 201 && res.body;
      }, 'the grant stored once the catalog holds the product');
      await grant('description-present', 31).expect(201);
      expect(
        (
          await userGet(backend)('/exemptions?expiringWithinDays=30').expect(
            200,
          )
        ).body.map((e: any) => e.id),
      ).toEqual([thirty.id]);
    } finally {
      await stop();
    }
  }, 120_000);

  it('scores a product owned by a user as a dry run does, and keeps its fingerprint', async () => {
    const product = await returnsWithContractsInlined();
    product.spec.owner = 'user:default/jane';
    delete product.spec.support?.onCall;
    const jane = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: {
        name: 'jane',
        annotations: { 'meshwork.dev/oncall-contact': '#jane' },
      },
      spec: { memberOf: [] },
    };
    const { backend, stop } = await startWithProducts([product, jane]);
    const get = userGet(backend);
    try {
      // Jane may be read after the product: then change detection scores it
      // again.
      const stored = await eventually(
        async () => {
          const res = await get('/scorecards/dataproduct/default/returns');
          return (
            res.status === 200 &&
            /a User/.test(checkOf(res.body, 'owner-is-group').message) &&
            res.body
          );
        },
        'the product scored with its owner',
        30_000,
      );
      const dryRun = (
        await request(backend.server)
          .post('/api/governance/evaluate')
          .set('Authorization', mockCredentials.user.header())
          .send({ entity: product })
          .expect(200)
      ).body;
      for (const id of ['owner-is-group', 'team-has-oncall']) {
        expect(checkOf(stored, id)).toEqual(checkOf(dryRun, id));
      }
      expect(checkOf(stored, 'team-has-oncall').status).toBe('pass');
      // Change detection runs every second: a fingerprint that differed
      // from the pass's would score the product again each time.
      await new Promise(resolve => setTimeout(resolve, 3_000));
      expect(
        (await get('/scorecards/dataproduct/default/returns')).body.evaluatedAt,
      ).toBe(stored.evaluatedAt);
    } finally {
      await stop();
    }
  }, 120_000);

  it("shows a domain's unreadable policy annotation on its products' scorecards, until it is fixed", async () => {
    const product = await returnsWithContractsInlined();
    product.spec.domain = 'returns-lab';
    const domain = (checks: string) => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Domain',
      metadata: {
        name: 'returns-lab',
        annotations: { 'meshwork.dev/governance-checks': checks },
      },
      spec: { owner: 'group:fulfilment-engineering' },
    });
    const { backend, file, stop } = await startWithProducts([
      product,
      domain('runbok-present:error'),
    ]);
    const get = userGet(backend);
    const problem = expect.stringMatching(
      /^domain returns-lab: meshwork\.dev\/governance-checks: unknown check "runbok-present" \(known checks: .*runbook-present.*\); its products are scored under the global policies only$/,
    );
    try {
      const stored = await eventually(
        async () => {
          const res = await get('/scorecards/dataproduct/default/returns');
          return res.status === 200 && res.body.problems && res.body;
        },
        'the product scored with its domain read',
        30_000,
      );
      expect(stored.problems).toEqual([problem]);
      // Under the global policies only: tier 2 asks for a runbook as a warning.
      expect(checkOf(stored, 'runbook-present').severity).toBe('warning');
      const listed = (await get('/scorecards').expect(200)).body;
      expect(listed).toEqual([
        expect.objectContaining({
          entityRef: 'dataproduct:default/returns',
          problems: [problem],
        }),
      ]);
      const dryRun = (
        await request(backend.server)
          .post('/api/governance/evaluate')
          .set('Authorization', mockCredentials.user.header())
          .send({ entity: product })
          .expect(200)
      ).body;
      expect(dryRun.problems).toEqual([problem]);

      await fs.writeFile(
        file,
        [product, domain('runbook-present:error')]
          .map(doc => stringifyYaml(doc))
          .join('---\n'),
      );
      const fixed = await eventually(
        async () => {
          const res = await get('/scorecards/dataproduct/default/returns');
          return res.status === 200 && !res.body.problems && res.body;
        },
        'the product scored again under its fixed domain policy',
        60_000,
      );
      expect(checkOf(fixed, 'runbook-present').severity).toBe('error');
    } finally {
      await stop();
    }
  }, 120_000);

  it('answers only the scorecards and exemptions of products the caller may read', async () => {
    const open = await returnsWithContractsInlined();
    const restricted = {
      ...open,
      metadata: {
        ...open.metadata,
        name: 'returns-restricted',
        labels: { restricted: 'yes' },
      },
    };
    const contractor = 'user:default/contractor';
    const { backend, stop } = await startWithProducts(
      [open, restricted],
      [
        permissionsHidingLabelled({ user: contractor, label: 'restricted' })
          .factory,
      ],
    );
    const as = (user: string) => (url: string) =>
      request(backend.server)
        .get(`/api/governance${url}`)
        .set('Authorization', mockCredentials.user.header(user));
    const staff = as('user:default/staff');
    const outsider = as(contractor);
    const refs = (items: Array<{ entityRef: string }>) =>
      items.map(item => item.entityRef).sort();
    const both = [
      'dataproduct:default/returns',
      'dataproduct:default/returns-restricted',
    ];
    try {
      await eventually(
        async () => (await staff('/scorecards')).body.length === 2,
        'both products scored',
        60_000,
      );
      const exemption = (
        await exemptFromFreshness(backend, both[1]).expect(201)
      ).body;
      await exemptFromFreshness(backend, both[0]).expect(201);

      expect(refs((await outsider('/scorecards')).body)).toEqual([both[0]]);
      const card = '/scorecards/dataproduct/default/returns-restricted';
      await staff(card).expect(200);
      expect((await outsider(card).expect(404)).body.error.message).toBe(
        `No scorecard for ${both[1]} yet`,
      );
      const history = '/history/dataproduct/default/returns-restricted';
      expect((await staff(history)).body).not.toEqual([]);
      expect((await outsider(history).expect(200)).body).toEqual([]);
      expect((await staff('/rollups/domains')).body[0].products).toBe(2);
      expect((await outsider('/rollups/domains')).body).toEqual([
        expect.objectContaining({ products: 1 }),
      ]);
      // Whom to ask for an exemption, of a product the caller may read.
      expect(
        (await staff('/grantors/dataproduct/default/returns-restricted')).body,
      ).toEqual({
        platformTeam: 'group:default/data-platform',
        domainOwner: 'group:default/logistics-data',
      });
      await outsider('/grantors/dataproduct/default/returns-restricted').expect(
        404,
      );
      await staff('/grantors/dataproduct/default/nope').expect(404);
      expect(refs((await staff('/exemptions')).body)).toEqual(both);
      expect(refs((await outsider('/exemptions')).body)).toEqual([both[0]]);
      await staff(`/exemptions/${exemption.id}`).expect(200);
      await outsider(`/exemptions/${exemption.id}`).expect(404);

      // Nor can it be written about, nor does a dry run read it.
      const post = (user: string, url: string, body: object) =>
        request(backend.server)
          .post(`/api/governance${url}`)
          .set('Authorization', mockCredentials.user.header(user))
          .send(body);
      const granted = await post(contractor, '/exemptions', {
        entityRef: both[1],
        checkId: 'freshness-within-slo',
        justification: 'The upstream warehouse is being migrated.',
        approver: 'group:default/data-platform',
        expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
      }).expect(400);
      expect(granted.body.error.message).toBe(
        `entityRef: no data product ${both[1]} in the catalog`,
      );
      await post(contractor, `/exemptions/${exemption.id}/revoke`, {
        reason: 'Done.',
      }).expect(404);
      const draft = {
        ...open,
        metadata: { ...open.metadata, name: 'returns-draft' },
        spec: {
          ...open.spec,
          inputPorts: [{ name: 'restricted', from: `${both[1]}#returns` }],
        },
      };
      const inputs = async (user: string) =>
        checkOf(
          (await post(user, '/evaluate', { entity: draft }).expect(200)).body,
          'input-ports-resolve',
        ).status;
      expect(await inputs('user:default/staff')).toBe('pass');
      expect(await inputs(contractor)).toBe('fail');
    } finally {
      await stop();
    }
  }, 120_000);

  // Checkout's policy makes freshness-slo-declared an error; with a
  // misspelt check beside it, or one named twice, the policy is not read.
  it.each([
    ['a misspelt check', "'runbook:error, freshness-slo-declared:error'"],
    [
      'a check twice',
      "'runbook-present:error, freshness-slo-declared:error, runbook-present'",
    ],
  ])(
    "scores every product when a domain's policy annotation names %s, that domain's under the global policies",
    async (_, annotation) => {
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'governance-'));
      const domains = path.join(dir, 'domains.yaml');
      await fs.writeFile(
        domains,
        (
          await fs.readFile(
            path.join(repo, 'catalog-info/org/domains.yaml'),
            'utf8',
          )
        ).replace(
          "'runbook-present:error, freshness-slo-declared:error'",
          annotation,
        ),
      );
      const backend = await startGovernanceBackend({
        governance: { policies: await appConfigPolicies(), ...fast },
        catalogTargets: [
          path.join(repo, 'catalog-info/org/groups.yaml'),
          path.join(repo, 'catalog-info/org/users.yaml'),
          domains,
          path.join(repo, 'catalog-info/products/**/*.yaml'),
        ],
      });
      const get = userGet(backend);
      try {
        const products = await exampleProductCount();
        await eventually(
          async () => (await get('/scorecards')).body.length === products,
          'every product scored',
        );
        const orders = await get(
          '/scorecards/dataproduct/default/orders',
        ).expect(200);
        expect(checkOf(orders.body, 'freshness-slo-declared').severity).toBe(
          'warning',
        );
      } finally {
        await backend.stop();
        await fs.rm(dir, { recursive: true, force: true });
      }
    },
    120_000,
  );

  it('keeps scorecards and their history while the lineage backend fails, still removing products gone from the catalog and storing exemptions', async () => {
    // Every plugin's database in files, so that a second backend finds what
    // the first stored: the catalog's entities and the scorecards.
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'governance-'));
    const database = {
      backend: {
        database: { client: 'better-sqlite3', connection: { directory: dir } },
      },
    };
    const productFiles = (
      await fs.readdir(path.join(repo, 'catalog-info/products'), {
        recursive: true,
      })
    )
      .filter(file => file.endsWith('.yaml'))
      .map(file => path.join(repo, 'catalog-info/products', file));
    const org = path.join(repo, 'catalog-info/org/*.yaml');
    const before = await startGovernanceBackend({
      governance: { policies: await appConfigPolicies(), ...fast },
      features: [lineagePlugin],
      config: {
        ...database,
        lineage: {
          seed: { directory: path.join(repo, 'catalog-info/lineage') },
        },
      },
      catalogTargets: [org, ...productFiles],
    });
    let scorecards: any[];
    let history: any[];
    try {
      const get = userGet(before);
      scorecards = await eventually(async () => {
        const dailyRevenue = await get(
          '/scorecards/dataproduct/default/daily-revenue',
        );
        const all = (await get('/scorecards')).body;
        return (
          dailyRevenue.status === 200 &&
          checkOf(dailyRevenue.body, 'freshness-within-slo').status ===
            'fail' &&
          all.length === productFiles.length &&
          all
        );
      }, 'the example mesh scored with lineage findings');
      // Every full pass stores the scorecards again (a new evaluatedAt), and
      // lineage may still be loading the example events: wait until two
      // reads a few passes apart score alike.
      scorecards = await eventually(async () => {
        await new Promise(resolve => setTimeout(resolve, 2_500));
        const again = (await get('/scorecards')).body;
        const settled =
          JSON.stringify(withoutStoredTime(again)) ===
          JSON.stringify(withoutStoredTime(scorecards));
        scorecards = again;
        return settled && again;
      }, 'the scorecards settled');
      history = (
        await get('/history/dataproduct/default/daily-revenue').expect(200)
      ).body;
    } finally {
      await before.stop();
    }
    const stoppedAt = new Date().toISOString();

    const during = await startGovernanceBackend({
      governance: { policies: await appConfigPolicies(), ...fast },
      features: [failingLineagePlugin],
      config: database,
      catalogTargets: [
        org,
        ...productFiles.filter(file => !file.endsWith('/returns.yaml')),
      ],
    });
    try {
      const get = userGet(during);
      await eventually(
        async () =>
          (await get('/scorecards/dataproduct/default/returns')).status === 404,
        'the scorecard of a product gone from the catalog removed',
      );
      const exemption = await exemptFromFreshness(
        during,
        'dataproduct:default/daily-revenue',
      );
      expect(exemption.status).toBe(201);
      // Full passes every second: give a few the time to store something.
      await new Promise(resolve => setTimeout(resolve, 4_000));
      // Kept as last stored: scored alike, and none scored again since.
      const kept = (await get('/scorecards')).body;
      expect(withoutStoredTime(kept)).toEqual(
        withoutStoredTime(
          scorecards.filter(
            card => card.entityRef !== 'dataproduct:default/returns',
          ),
        ),
      );
      for (const card of kept) {
        expect(card.evaluatedAt <= stoppedAt).toBe(true);
      }
      expect(
        (await get('/history/dataproduct/default/daily-revenue')).body,
      ).toEqual(history);
    } finally {
      await during.stop();
      await fs.rm(dir, { recursive: true, force: true });
    }
  }, 240_000);

  it('scores with the findings lineage gave last while it fails, and scores no product it never measured', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'governance-outage-'));
    const product = (name: string) =>
      stringifyYaml({
        apiVersion: 'meshwork.dev/v1alpha1',
        kind: 'DataProduct',
        metadata: { name, description: `The ${name}.` },
        spec: {
          domain: 'checkout',
          owner: 'group:checkout-data',
          lifecycle: 'production',
          type: 'aggregate',
          tier: 2,
          version: '1.0.0',
          outputPorts: [
            {
              name,
              type: 'table',
              dataset: { namespace: 'postgres://w:5432', name: `a.${name}` },
            },
          ],
          slos: { freshness: { maxDelay: '30m', objective: '99%' } },
        },
      });
    // A lineage backend that measured `measured` late, until it goes down.
    let down = false;
    const switchedLineage = createBackendPlugin({
      pluginId: 'lineage',
      register(env) {
        env.registerInit({
          deps: { httpRouter: coreServices.httpRouter },
          async init({ httpRouter }) {
            httpRouter.use((req: Request, res: Response) => {
              if (down) {
                res.status(503).json({ error: { message: 'store down' } });
              } else if (req.path === '/products/graph') {
                res.json({ drift: [] });
              } else {
                res.json({
                  items: [
                    {
                      entityRef: 'dataproduct:default/measured',
                      outputPorts: [
                        {
                          name: 'measured',
                          observed: true,
                          freshness: {
                            status: 'breached',
                            maxDelayMs: 1_800_000,
                            lastSuccessfulWrite: '2026-12-07T01:00:00.000Z',
                          },
                        },
                      ],
                    },
                  ],
                });
              }
            });
            httpRouter.addAuthPolicy({ path: '/', allow: 'unauthenticated' });
          },
        });
      },
    });
    await fs.writeFile(path.join(dir, 'measured.yaml'), product('measured'));
    const backend = await startGovernanceBackend({
      governance: {
        policies: [{ name: 'freshness', checks: ['freshness-within-slo'] }],
        ...fast,
      },
      features: [switchedLineage],
      catalogTargets: [
        path.join(repo, 'catalog-info/org/*.yaml'),
        path.join(dir, '*.yaml'),
      ],
    });
    const get = userGet(backend);
    const freshnessOf = async (name: string) => {
      const res = await get(`/scorecards/dataproduct/default/${name}`);
      return res.status === 200
        ? checkOf(res.body, 'freshness-within-slo')
        : undefined;
    };
    try {
      await eventually(
        async () => (await freshnessOf('measured'))?.status === 'fail',
        'the measured product scored on its findings',
      );
      down = true;
      // Registered during the outage: lineage never measured it.
      await fs.writeFile(
        path.join(dir, 'unmeasured.yaml'),
        product('unmeasured'),
      );
      await eventually(
        async () =>
          (
            await request(backend.server)
              .get(
                '/api/catalog/entities/by-name/dataproduct/default/unmeasured',
              )
              .set('Authorization', mockCredentials.user.header())
          ).status === 200,
        'the product registered during the outage in the catalog',
      );
      const exemption = await exemptFromFreshness(
        backend,
        'dataproduct:default/measured',
      );
      expect(exemption.status).toBe(201);
      // Counted at once, with what lineage measured before it went down.
      const exempt = await eventually(async () => {
        const check = await freshnessOf('measured');
        return check?.status === 'exempt' ? check : undefined;
      }, 'the exemption counted during the outage');
      expect(exempt.message).toMatch(
        /\(measured by \d{4}-[^;]+; lineage has not answered since\) Exempt until /,
      );
      // Full passes every second: none scores or removes what it cannot measure.
      await new Promise(resolve => setTimeout(resolve, 3_000));
      expect(await freshnessOf('unmeasured')).toBeUndefined();
      expect((await freshnessOf('measured'))?.status).toBe('exempt');
    } finally {
      await backend.stop();
      await fs.rm(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('serves dry runs, with contracts given as YAML, storing nothing', async () => {
    const backend = await startGovernanceBackend({
      governance: { policies: await appConfigPolicies(), ...fast },
    });
    const evaluate = (body: unknown) =>
      request(backend.server)
        .post('/api/governance/evaluate')
        .set('Authorization', mockCredentials.user.header())
        .send(body as object);
    try {
      // Dry runs read the draft's owner and domain from the catalog.
      await eventually(
        async () =>
          (
            await request(backend.server)
              .get('/api/governance/scorecards')
              .set('Authorization', mockCredentials.user.header())
          ).body.length > 0,
        'the catalog read',
      );
      const draft = parseYaml(
        await fs.readFile(
          path.join(repo, 'catalog-info/products/checkout/orders.yaml'),
          'utf8',
        ),
      );
      draft.metadata.name = 'orders-draft';
      const port = draft.spec.outputPorts[0];
      const contracts = Object.fromEntries(
        await Promise.all(
          draft.spec.outputPorts.map(async (p: any) => [
            p.name,
            await fs.readFile(
              path.join(repo, 'catalog-info/products/checkout', p.contract),
              'utf8',
            ),
          ]),
        ),
      );
      const contractText = contracts[port.name];
      // A contract path is not read in a dry run: it counts as missing.
      const withoutContract = await evaluate({ entity: draft }).expect(200);
      expect(withoutContract.body.entityRef).toBe(
        'dataproduct:default/orders-draft',
      );
      expect(
        checkOf(withoutContract.body, 'output-ports-have-contracts'),
      ).toMatchObject({ status: 'fail' });

      const withContract = await evaluate({ entity: draft, contracts }).expect(
        200,
      );
      expect(
        checkOf(withContract.body, 'output-ports-have-contracts'),
      ).toMatchObject({ status: 'pass' });
      expect(checkOf(withContract.body, 'owner-is-group').status).toBe('pass');
      expect(checkOf(withContract.body, 'freshness-within-slo').status).toBe(
        'unknown',
      );

      expect(
        (
          await evaluate({
            entity: draft,
            contracts: { nope: contractText },
          }).expect(400)
        ).body.error.message,
      ).toMatch(/^contracts\.nope: not an output port of the entity/);
      expect(
        (
          await evaluate({
            entity: draft,
            contracts: { [port.name]: 'a: [' },
          }).expect(400)
        ).body.error.message,
      ).toMatch(new RegExp(`^contracts\\.${port.name}: is not valid YAML`));
      expect(
        (
          await evaluate({
            entity: draft,
            contracts: { [port.name]: '['.repeat(100_000) },
          }).expect(400)
        ).body.error.message,
      ).toMatch(
        new RegExp(`^contracts\\.${port.name}: .*nesting exceeded maxDepth`),
      );
      expect(
        (
          await evaluate({
            entity: draft,
            contracts: { [port.name]: 3 },
          }).expect(400)
        ).body.error.message,
      ).toMatch(new RegExp(`^contracts\\.${port.name}: `));
      const invalid = await evaluate({
        entity: {
          apiVersion: 'meshwork.dev/v1alpha1',
          kind: 'DataProduct',
          metadata: { name: 'draft' },
          spec: { domain: 'logistics' },
        },
      }).expect(400);
      expect(invalid.body.error.message).toContain('entity.spec.owner');
      // A field of the wrong type is named, not a failure in a check.
      const mistyped = await evaluate({
        entity: {
          ...draft,
          metadata: { ...draft.metadata, description: 2024, links: 'none' },
        },
      }).expect(400);
      expect(mistyped.body.error.message).toBe(
        'entity.metadata.description: must be a string (got the number 2024); entity.metadata.links: must be an array (got "none")',
      );
      expect(
        (await evaluate({ entity: draft, extra: 1 }).expect(400)).body.error
          .message,
      ).toBe('extra: unexpected field (expected entity and contracts)');
      await request(backend.server)
        .post('/api/governance/evaluate')
        .send({ entity: draft })
        .expect(401);
      const stored = await request(backend.server)
        .get('/api/governance/scorecards')
        .set('Authorization', mockCredentials.user.header());
      expect(stored.body.map((c: any) => c.entityRef)).not.toContain(
        'dataproduct:default/orders-draft',
      );
    } finally {
      await backend.stop();
    }
  }, 120_000);

  it('refuses a bad exemption or a NUL character with the field that is wrong, storing nothing', async () => {
    const backend = await startGovernanceBackend({
      governance: { policies: await appConfigPolicies(), ...fast },
    });
    const get = userGet(backend);
    const post = (url: string, body: object) =>
      request(backend.server)
        .post(`/api/governance${url}`)
        .set('Authorization', mockCredentials.user.header())
        .send(body);
    const valid = {
      entityRef: 'dataproduct:default/orders',
      checkId: 'runbook-present',
      justification: 'The runbook moves to the new wiki this week.',
      approver: 'user:default/fiona.walsh',
      expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    };
    const refusal = async (url: string, body: object) =>
      (await post(url, body).expect(400)).body.error.message;
    try {
      await eventually(
        async () =>
          (await get('/scorecards/dataproduct/default/orders')).status === 200,
        'the example mesh scored',
      );
      // A body that is not JSON says so, and is not sent back.
      const unparsed = async (url: string, body: string) => {
        const res = await request(backend.server)
          .post(`/api/governance${url}`)
          .set('Authorization', mockCredentials.user.header())
          .set('Content-Type', 'application/json')
          .send(body)
          .expect(400);
        expect(res.body.error.name).toBe('InputError');
        expect(JSON.stringify(res.body)).not.toContain('secret');
        return res.body.error.message;
      };
      for (const url of [
        '/exemptions',
        '/exemptions/any/revoke',
        '/evaluate',
      ]) {
        expect(await unparsed(url, '{"secret":')).toBe(
          'request body is not valid JSON: Unexpected end of JSON input',
        );
      }
      expect(await unparsed('/exemptions', '{"a": secret}')).toBe(
        "request body is not valid JSON: Unexpected token 's'",
      );
      expect(await unparsed('/exemptions', '"secret"')).toBe(
        'request body is not valid JSON: expected a JSON object',
      );
      // A value of the wrong type is not a missing one.
      expect(await refusal('/exemptions', { ...valid, checkId: 5 })).toBe(
        'checkId: Invalid input: expected string, received number',
      );
      const { checkId: _checkId, ...withoutCheck } = valid;
      expect(await refusal('/exemptions', withoutCheck)).toBe(
        'checkId: is required',
      );
      expect(await refusal('/exemptions/any/revoke', { reason: 5 })).toBe(
        'reason: Invalid input: expected string, received number',
      );
      // Postgres stores neither of these.
      expect(
        await refusal('/exemptions', {
          ...valid,
          justification: 'Moving\u0000 wikis',
        }),
      ).toBe('justification: must not contain a NUL character');
      expect(
        await refusal('/exemptions', {
          ...valid,
          approver: `user:default/${'a'.repeat(600)}`,
        }),
      ).toBe(
        `approver: expected at most 512 characters as a full ref (got 613 in user:default/${'a'.repeat(
          27,
        )}…)`,
      );
      // Within the limit as written, not once lower-cased: İ is two
      // letters then.
      expect(
        await refusal('/exemptions', {
          ...valid,
          approver: `user:default/${'İ'.repeat(250)}`,
        }),
      ).toMatch(
        /^approver: expected at most 512 characters as a full ref \(got 513 /,
      );
      // Within the limit as written, not once stored in full.
      expect(
        await refusal('/exemptions', {
          ...valid,
          approver: `user:${'a'.repeat(507)}`,
        }),
      ).toBe(
        `approver: expected at most 512 characters as a full ref (got 520 in user:default/${'a'.repeat(
          27,
        )}…)`,
      );
      expect(
        (await get('/scorecards?domain=%00').expect(400)).body.error.message,
      ).toBe('/scorecards: the address must not contain a NUL character (%00)');
      await get('/exemptions/%00').expect(400);
      // Deep nesting is refused before anything walks it, not a 500.
      const deep = await request(backend.server)
        .post('/api/governance/evaluate')
        .set('Authorization', mockCredentials.user.header())
        .set('Content-Type', 'application/json')
        .send(`${'{"a":'.repeat(20_000)}{}${'}'.repeat(20_000)}`)
        .expect(400);
      expect(deep.body.error.message).toMatch(
        /^a\.a\.a.*: nests deeper than 64 levels/,
      );
      // A body of another type is refused as such, not read as none.
      for (const [url, type] of [
        ['/exemptions', 'text/plain'],
        ['/exemptions/any/revoke', 'application/x-www-form-urlencoded'],
        ['/evaluate', 'text/plain'],
      ]) {
        const wrongType = await request(backend.server)
          .post(`/api/governance${url}`)
          .set('Authorization', mockCredentials.user.header())
          .set('Content-Type', type)
          .send(JSON.stringify(valid))
          .expect(415);
        expect(wrongType.body.error.message).toBe(
          `Content-Type ${type} is not supported; send application/json`,
        );
      }
      // No body is no wrong type: refused for what it lacks.
      const noBody = await request(backend.server)
        .post('/api/governance/exemptions/any/revoke')
        .set('Authorization', mockCredentials.user.header())
        .expect(400);
      expect(noBody.body.error.message).toBe('reason: is required');
      // The approver is someone the catalog holds, of either kind, or the
      // one granting it.
      expect(
        await refusal('/exemptions', {
          ...valid,
          approver: 'user:default/guest',
        }),
      ).toBe(
        'approver: no user or group user:default/guest in the catalog, nor the one granting it (user:default/mock)',
      );
      expect(
        await refusal('/exemptions', {
          ...valid,
          approver: 'User:default/Noah.Fishcer',
        }),
      ).toBe(
        'approver: no user or group user:default/noah.fishcer in the catalog, nor the one granting it (user:default/mock)',
      );
      expect(
        await refusal('/exemptions', {
          ...valid,
          approver: 'group:default/fiona.walsh',
        }),
      ).toBe(
        'approver: no user or group group:default/fiona.walsh in the catalog, nor the one granting it (user:default/mock)',
      );
      expect((await get('/exemptions?state=all')).body).toEqual([]);
      await post('/exemptions', valid).expect(201);
      await post('/exemptions', {
        ...valid,
        checkId: 'description-present',
        approver: 'Group:default/Data-Platform',
      }).expect(201);
      await post('/exemptions', {
        ...valid,
        checkId: 'team-has-oncall',
        approver: 'User:default/Mock',
      }).expect(201);
      // The product by name, as the catalog names it.
      expect(
        (await get('/exemptions?entityRef=Orders')).body.map(
          (e: any) => e.entityRef,
        ),
      ).toEqual([
        'dataproduct:default/orders',
        'dataproduct:default/orders',
        'dataproduct:default/orders',
      ]);

      // One that expired stays expired: revoking it is a conflict.
      const soon = (
        await post('/exemptions', {
          ...valid,
          checkId: 'owner-is-group',
          expiresAt: new Date(Date.now() + 1500).toISOString(),
        }).expect(201)
      ).body;
      await new Promise(resolve => setTimeout(resolve, 2000));
      const late = await post(`/exemptions/${soon.id}/revoke`, {
        reason: 'Too late.',
      }).expect(409);
      expect(late.body.error.message).toBe(
        `Exemption ${soon.id} already expired at ${soon.expiresAt}`,
      );
      expect((await get(`/exemptions/${soon.id}`)).body).toMatchObject({
        state: 'expired',
        events: [expect.objectContaining({ action: 'created' })],
      });
    } finally {
      await backend.stop();
    }
  }, 120_000);

  it('names the platform team by the group ref the permission policy reads', async () => {
    const backend = await startGovernanceBackend({
      governance: { ...fast, platformTeam: 'Data-Platform' },
    });
    try {
      const grantors = await eventually(async () => {
        const res = await userGet(backend)(
          '/grantors/dataproduct/default/orders',
        );
        return res.status === 200 && res.body;
      }, 'the catalog read');
      expect(grantors).toEqual({
        platformTeam: 'group:default/data-platform',
        domainOwner: 'group:default/checkout-data',
      });
    } finally {
      await backend.stop();
    }
  }, 120_000);

  it('stops start-up on a platform team that is not a group ref', async () => {
    for (const platformTeam of ['user:default/noah.fischer', 'group:']) {
      await expect(
        startGovernanceBackend({ governance: { platformTeam } }),
      ).rejects.toThrow(
        `governance.platformTeam: expected a group ref like group:default/data-platform (got ${JSON.stringify(
          platformTeam,
        )})`,
      );
    }
  });

  it('stops start-up on a removal grace period that is not a duration from none to a year', async () => {
    for (const [removalGracePeriod, message] of [
      [
        'soon',
        "Invalid duration 'soon' in config at 'governance.removalGracePeriod'",
      ],
      [
        { hour: 24 },
        "Failed to read duration from config at 'governance.removalGracePeriod', Error: Needs one or more of",
      ],
      [
        { hours: -1 },
        'governance.removalGracePeriod: expected a duration from none to a year (365 days), as exemptions are granted at most a year ahead (got a negative duration)',
      ],
      [
        { days: 366 },
        'governance.removalGracePeriod: expected a duration from none to a year (365 days), as exemptions are granted at most a year ahead (got 366d)',
      ],
    ] as const) {
      await expect(
        startGovernanceBackend({ governance: { removalGracePeriod } }),
      ).rejects.toThrow(message);
    }
  });

  it('stops start-up on a policy naming an unknown check', async () => {
    await expect(
      startGovernanceBackend({
        governance: {
          policies: [{ name: 'strict', checks: ['no-such-check'] }],
        },
      }),
    ).rejects.toThrow(/policy "strict": unknown check "no-such-check"/);
  });

  it('stops start-up on two policies of one name', async () => {
    await expect(
      startGovernanceBackend({
        governance: {
          policies: [
            { name: 'strict', checks: ['runbook-present'] },
            { name: 'strict', filter: { tier: 1 }, checks: ['pii-classified'] },
          ],
        },
      }),
    ).rejects.toThrow(
      'governance.policies[1] ("strict").name: already the name of governance.policies[0] ("strict")',
    );
  });

  it('stops start-up on a policy with a bad filter', async () => {
    await expect(
      startGovernanceBackend({
        governance: {
          policies: [
            {
              name: 'gold-only',
              filter: { lifecycle: 'forever' },
              checks: ['runbook-present'],
            },
          ],
        },
      }),
    ).rejects.toThrow(
      /governance\.policies\[0\] \("gold-only"\)\.filter\.lifecycle/,
    );
  });
});
