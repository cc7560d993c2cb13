import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  EVENT_LIMITS,
  isUnstorable,
  MAX_DATASETS_PER_OWNERS_REQUEST,
  MAX_OWNERS_REQUEST_BYTES,
  type ProductDrift,
  type RuntimeProductSearch,
} from '@meshwork/plugin-lineage-common';
import { jsonBody, requireJsonBody } from '@meshwork/plugin-data-products-node';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { intParam, searchParam, stringParam } from '../queryParams';
import { markAsRead } from '../markAsRead';
import { ProductLineageService } from './ProductLineageService';
import { RuntimeProductFinder } from './RuntimeProductFinder';
import { refReader } from './refReader';

/**
 * Product lineage, drift, measured SLOs, and products found by their jobs
 * and tables; mounted behind the read check. `readableRefs` tells which
 * products the caller may read (undefined: all): the service reads the
 * catalog with the plugin's own credentials, so each answer leaves out
 * what the catalog would not show the caller, and a product it may not
 * read is not found. Refs of other products stay, as catalog relations
 * show them.
 */
export function productRoutes(
  service: ProductLineageService,
  finder: RuntimeProductFinder,
  readableRefs: (req: Request) => Promise<ReadonlySet<string> | undefined>,
): express.Router {
  const router = Router();
  const refOf = (params: Record<string, string>) =>
    stringifyEntityRef({
      kind: params.kind,
      namespace: params.namespace,
      name: params.name,
    });
  const readerOf = async (req: Request) => refReader(await readableRefs(req));
  /** The product the path names, not found when the caller may not read it. */
  const readableProductOf = async (req: Request) => {
    const ref = refOf(req.params);
    const canRead = await readerOf(req);
    if (!canRead(ref)) throw new NotFoundError(`No data product ${ref}`);
    return { ref, canRead };
  };

  router.get('/products/graph', async (req, res) => {
    const canRead = await readerOf(req);
    const { edges, drift } = await service.graph();
    res.json({
      edges: edges.filter(e => canRead(e.source) && canRead(e.target)),
      drift: drift
        .filter(d => canRead(d.product))
        .map(d => readableDrift(d, canRead)),
    });
  });
  router.get('/products/slo', async (req, res) => {
    const canRead = await readerOf(req);
    const items = await service.slos();
    res.json({ items: items.filter(item => canRead(item.entityRef)) });
  });
  router.get('/products/slo-status', async (req, res) => {
    const canRead = await readerOf(req);
    const statuses = await service.sloStatuses();
    res.json(statuses.filter(status => canRead(status.entityRef)));
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
    const canRead = await readerOf(req);
    const { items, partial } = await finder.find(q, {
      limit,
      namespace,
      canRead,
    });
    // Said only when so: an answer without it is whole, as before.
    const body: RuntimeProductSearch = {
      items,
      ...(partial ? { partial } : {}),
    };
    res.json(body);
  });
  router.post(
    '/products/datasets',
    requireJsonBody,
    // Not strict: `null` or a number is refused below for what it lacks,
    // not as JSON it is.
    jsonBody({ limit: MAX_OWNERS_REQUEST_BYTES, strict: false }),
    async (req, res) => {
      const datasets = parseDatasets(req.body);
      markAsRead(res);
      const canRead = await readerOf(req);
      const items = await service.datasetOwners(datasets);
      res.json({
        items: items.filter(item => canRead(item.product.entityRef)),
      });
    },
  );
  router.get('/entities/:kind/:namespace/:name/impact', async (req, res) => {
    const { ref, canRead } = await readableProductOf(req);
    const impact = await service.impact(ref, stringParam(req, 'port'));
    res.json({
      ...impact,
      // One read through a product the caller may not read is shown
      // without it: on-call needs the whole blast radius.
      impacted: impact.impacted
        .filter(item => canRead(item.entityRef))
        .map(item =>
          item.via === undefined || canRead(item.via)
            ? item
            : { ...item, via: undefined, datasets: [] },
        ),
    });
  });
  router.get('/entities/:kind/:namespace/:name/writes', async (req, res) => {
    const { ref } = await readableProductOf(req);
    res.json(
      await service.writes(
        ref,
        intParam(req, 'limit', 100, { min: 1, max: 1000 }),
      ),
    );
  });
  router.get('/entities/:kind/:namespace/:name/lineage', async (req, res) => {
    const { ref, canRead } = await readableProductOf(req);
    const lineage = await service.productLineage(ref);
    res.json({
      ...lineage,
      upstream: lineage.upstream.filter(e => canRead(e.source)),
      downstream: lineage.downstream.filter(e => canRead(e.target)),
      drift: readableDrift(lineage.drift, canRead),
    });
  });
  router.get('/entities/:kind/:namespace/:name/slo', async (req, res) => {
    const { ref } = await readableProductOf(req);
    res.json(await service.slo(ref));
  });
  return router;
}

/**
 * A product's drift without the products the caller may not read: a table
 * of one it reads undeclared is shown as a table alone.
 */
function readableDrift(
  drift: ProductDrift,
  canRead: (entityRef: string) => boolean,
): ProductDrift {
  return {
    ...drift,
    undeclaredInputs: drift.undeclaredInputs.map(input =>
      input.product && !canRead(input.product)
        ? { dataset: input.dataset }
        : input,
    ),
  };
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
