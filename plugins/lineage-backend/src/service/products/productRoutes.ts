import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  EVENT_LIMITS,
  isUnstorable,
  MAX_DATASETS_PER_OWNERS_REQUEST,
  MAX_OWNERS_REQUEST_BYTES,
} from '@meshwork/plugin-lineage-common';
import express from 'express';
import Router from 'express-promise-router';
import { intParam, searchParam, stringParam } from '../queryParams';
import { RequestBodyError } from '../readRequestBody';
import { markAsRead } from '../markAsRead';
import { ProductLineageService } from './ProductLineageService';
import { RuntimeProductFinder } from './RuntimeProductFinder';

/**
 * A body of another type would reach the route unread, as no body. (No
 * body at all, `Content-Length: 0` included, is read as empty and refused
 * for what it lacks.)
 */
const requireJsonBody: express.RequestHandler = (req, _res, next) => {
  const hasBody =
    req.headers['transfer-encoding'] !== undefined ||
    Number(req.headers['content-length'] ?? 0) > 0;
  if (hasBody && !req.is('application/json')) {
    throw new RequestBodyError(
      415,
      `Content-Type ${
        req.headers['content-type'] ?? '(none)'
      } is not supported; send application/json`,
    );
  }
  next();
};

/**
 * Product lineage, drift, measured SLOs, and products found by their jobs
 * and tables; mounted behind the read check.
 */
export function productRoutes(
  service: ProductLineageService,
  finder: RuntimeProductFinder,
): express.Router {
  const router = Router();
  const refOf = (params: Record<string, string>) =>
    stringifyEntityRef({
      kind: params.kind,
      namespace: params.namespace,
      name: params.name,
    });

  router.get('/products/graph', async (_req, res) => {
    res.json(await service.graph());
  });
  router.get('/products/slo', async (_req, res) => {
    res.json({ items: await service.slos() });
  });
  router.get('/products/slo-status', async (_req, res) => {
    res.json(await service.sloStatuses());
  });
  router.get('/products/search', async (req, res) => {
    const q = searchParam(req);
    const limit = intParam(req, 'limit', 20, { min: 1, max: 100 });
    const namespace = stringParam(req, 'namespace');
    // Ingest stores no longer one.
    const maxBytes = EVENT_LIMITS.maxNamespaceBytes;
    if (namespace !== undefined && Buffer.byteLength(namespace) > maxBytes) {
      throw new InputError(
        `Query parameter namespace is at most ${maxBytes} bytes of UTF-8`,
      );
    }
    res.json({ items: await finder.find(q, { limit, namespace }) });
  });
  router.post(
    '/products/datasets',
    requireJsonBody,
    express.json({ limit: MAX_OWNERS_REQUEST_BYTES }),
    async (req, res) => {
      const datasets = parseDatasets(req.body);
      markAsRead(res);
      res.json({ items: await service.datasetOwners(datasets) });
    },
  );
  router.get('/entities/:kind/:namespace/:name/impact', async (req, res) => {
    res.json(await service.impact(refOf(req.params), stringParam(req, 'port')));
  });
  router.get('/entities/:kind/:namespace/:name/writes', async (req, res) => {
    res.json(
      await service.writes(
        refOf(req.params),
        intParam(req, 'limit', 100, { min: 1, max: 1000 }),
      ),
    );
  });
  router.get('/entities/:kind/:namespace/:name/lineage', async (req, res) => {
    res.json(await service.productLineage(refOf(req.params)));
  });
  router.get('/entities/:kind/:namespace/:name/slo', async (req, res) => {
    res.json(await service.slo(refOf(req.params)));
  });
  return router;
}

/** `{ datasets: [{ namespace, name }] }`, or an error naming the first bad field. */
function parseDatasets(
  body: unknown,
): Array<{ namespace: string; name: string }> {
  const datasets = (body as { datasets?: unknown } | undefined)?.datasets;
  if (!Array.isArray(datasets)) {
    throw new InputError(
      'datasets: expected an array of { namespace, name } objects',
    );
  }
  if (datasets.length > MAX_DATASETS_PER_OWNERS_REQUEST) {
    throw new InputError(
      `datasets: at most ${MAX_DATASETS_PER_OWNERS_REQUEST} datasets, got ${datasets.length}`,
    );
  }
  return datasets.map((dataset, index) => {
    for (const field of ['namespace', 'name']) {
      const value = (dataset as Record<string, unknown> | null)?.[field];
      if (typeof value !== 'string' || value === '') {
        throw new InputError(
          `datasets[${index}].${field}: expected a non-empty string`,
        );
      }
      // No stored name holds one, and Postgres refuses to compare with it.
      if (isUnstorable(value)) {
        throw new InputError(
          `datasets[${index}].${field}: must not contain a NUL character (\\u0000) or an unpaired surrogate`,
        );
      }
    }
    return { namespace: dataset.namespace, name: dataset.name };
  });
}
