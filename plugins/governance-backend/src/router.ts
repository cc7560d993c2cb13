import { HttpAuthService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  DataProductEntityV1alpha1,
  validateDataProductEntity,
} from '@meshwork/plugin-data-products-common';
import {
  builtinChecks,
  rollupScorecards,
} from '@meshwork/plugin-governance-common';
import express from 'express';
import Router from 'express-promise-router';
import { ProductScorecards } from './service/ProductScorecards';
import { ScorecardStore, StoredScorecard } from './store/ScorecardStore';

const DAY_MS = 24 * 60 * 60 * 1000;

function timeParam(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const time = typeof value === 'string' ? Date.parse(value) : NaN;
  if (Number.isNaN(time)) {
    throw new InputError(
      `${name}: expected an ISO 8601 time (got ${JSON.stringify(value)})`,
    );
  }
  return time;
}

function stringParam(value: unknown, name: string): string | undefined {
  if (value === undefined || typeof value === 'string') return value;
  throw new InputError(`${name}: expected one value`);
}

export async function createRouter(options: {
  httpAuth: HttpAuthService;
  store: ScorecardStore;
  scorecards: ProductScorecards;
}): Promise<express.Router> {
  const { httpAuth, store, scorecards } = options;
  const router = Router();
  router.use(express.json({ limit: '2mb' }));
  // Every route needs a signed-in user or a service.
  router.use(async (req, _res, next) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    next();
  });

  router.get('/checks', (_req, res) => {
    res.json(builtinChecks.map(({ evaluate: _evaluate, ...check }) => check));
  });

  router.get('/scorecards', async (req, res) => {
    res.json(
      await store.list({
        level: stringParam(req.query.level, 'level'),
        domain: stringParam(req.query.domain, 'domain'),
        owner: stringParam(req.query.owner, 'owner'),
      }),
    );
  });

  router.get('/scorecards/:kind/:namespace/:name', async (req, res) => {
    const entityRef = stringifyEntityRef(req.params);
    const scorecard = await store.get(entityRef);
    if (!scorecard) {
      throw new NotFoundError(`No scorecard for ${entityRef} yet`);
    }
    res.json(scorecard);
  });

  router.get('/rollups/:by', async (req, res) => {
    const { by } = req.params;
    if (by !== 'domains' && by !== 'teams') {
      throw new NotFoundError(`No rollup by ${by} (expected domains or teams)`);
    }
    res.json(
      rollupScorecards(await store.all(), card =>
        by === 'domains'
          ? (card as StoredScorecard).domain
          : (card as StoredScorecard).owner,
      ),
    );
  });

  router.get('/history/:kind/:namespace/:name', async (req, res) => {
    const now = Date.now();
    res.json(
      await store.history(
        stringifyEntityRef(req.params),
        timeParam(req.query.from, 'from', now - 30 * DAY_MS),
        timeParam(req.query.to, 'to', now),
      ),
    );
  });

  router.get('/history', async (req, res) => {
    const now = Date.now();
    res.json(
      await store.trend(
        timeParam(req.query.from, 'from', now - 30 * DAY_MS),
        timeParam(req.query.to, 'to', now),
      ),
    );
  });

  // A dry run: the scorecard a product would get, stored nowhere.
  router.post('/evaluate', async (req, res) => {
    const entity = req.body?.entity;
    const issues = validateDataProductEntity(entity);
    if (issues.length > 0) {
      throw new InputError(
        issues
          .map(
            issue =>
              `${issue.path ? `entity.${issue.path}` : 'entity'}: ${
                issue.message
              }`,
          )
          .join('; '),
      );
    }
    const {
      domain: _domain,
      owner: _owner,
      ...scorecard
    } = await scorecards.evaluateOne(entity as DataProductEntityV1alpha1);
    res.json(scorecard);
  });

  return router;
}
