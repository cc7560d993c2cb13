import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  declaredJobsOf,
  DataProductEntityV1alpha1,
} from '@meshwork/plugin-data-products-common';
import { jsonBody, requireJsonBody } from '@meshwork/plugin-data-products-node';
import {
  formatNodeId,
  MAX_DATASETS_PER_OWNERS_REQUEST,
  MAX_OWNERS_REQUEST_BYTES,
  parseNodeId,
} from '@meshwork/plugin-lineage-common';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { markAsRead } from '../markAsRead';
import { refReader } from './refReader';

/** A job a product names in its `meshwork.dev/openlineage-jobs` annotation. */
export type DeclaredJobProduct = {
  /** The job's `job:<namespace>:<name>` node id, as asked. */
  job: string;
  product: { entityRef: string; title: string };
};

/**
 * `POST /products/jobs`: of the `job:` node ids posted, those a product
 * names in its `meshwork.dev/openlineage-jobs` annotation, one item per job
 * and product, as a product's own lineage tab labels them; a job writing
 * no port (an export) is its product's all the same. Mounted behind the
 * read check; products the caller may not read (`readableRefs`, undefined:
 * all) are left out. Limits are those of `POST /products/datasets`.
 */
export function declaredJobRoutes(
  loadProducts: () => Promise<DataProductEntityV1alpha1[]>,
  readableRefs: (req: Request) => Promise<ReadonlySet<string> | undefined>,
): express.Router {
  const router = Router();
  router.post(
    '/products/jobs',
    requireJsonBody,
    // Not strict: `null` or a number is refused below for what it lacks,
    // not as JSON it is.
    jsonBody({ limit: MAX_OWNERS_REQUEST_BYTES, strict: false }),
    async (req, res) => {
      const asked = new Set(parseJobIds(req.body));
      markAsRead(res);
      const canRead = refReader(await readableRefs(req));
      const items: DeclaredJobProduct[] = [];
      for (const product of await loadProducts()) {
        const entityRef = stringifyEntityRef(product);
        if (!canRead(entityRef)) continue;
        const title = product.metadata.title ?? product.metadata.name;
        for (const { namespace, name } of declaredJobsOf(product)) {
          const job = formatNodeId('job', namespace, name);
          if (asked.has(job)) {
            items.push({ job, product: { entityRef, title } });
          }
        }
      }
      res.json({ items });
    },
  );
  return router;
}

/** `{ jobs: ['job:<namespace>:<name>'] }`, or an error naming the first bad field. */
function parseJobIds(body: unknown): string[] {
  const jobs = (body as { jobs?: unknown } | undefined)?.jobs;
  if (!Array.isArray(jobs)) {
    throw new InputError(
      'jobs: expected an array of job node ids, job:<namespace>:<name>',
    );
  }
  if (jobs.length > MAX_DATASETS_PER_OWNERS_REQUEST) {
    throw new InputError(
      `jobs: at most ${MAX_DATASETS_PER_OWNERS_REQUEST} jobs, got ${jobs.length}`,
    );
  }
  return jobs.map((job, index) => {
    if (typeof job !== 'string' || parseNodeId(job)?.type !== 'job') {
      throw new InputError(
        `jobs[${index}]: expected a job node id, job:<namespace>:<name>`,
      );
    }
    return job;
  });
}
