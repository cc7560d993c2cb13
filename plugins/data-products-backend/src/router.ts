import {
  BackstageCredentials,
  HttpAuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { InputError, ServiceUnavailableError } from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import {
  DataProductSearchIndex,
  describeIssues,
} from '@meshwork/plugin-data-products-common';
import {
  jsonBody,
  requireJsonBody,
  storeUnavailableHandler,
} from '@meshwork/plugin-data-products-node';
import { listingsQuery } from './listingsQuery';

const MAX_TERM_LENGTH = 300;
const MAX_LIMIT = 1000;

export async function createRouter(options: {
  httpAuth: HttpAuthService;
  logger: LoggerService;
  index: () => DataProductSearchIndex | undefined;
  /** The products the caller may read, or undefined for all. */
  readableRefs: (
    credentials: BackstageCredentials,
  ) => Promise<ReadonlySet<string> | undefined>;
}): Promise<express.Router> {
  const { httpAuth, logger, index, readableRefs } = options;
  const router = Router();

  router.get('/search', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const { q, limit = '50' } = req.query;
    if (typeof q !== 'string' || q.trim() === '') {
      throw new InputError('q: expected the text to search for');
    }
    if (q.length > MAX_TERM_LENGTH) {
      throw new InputError(
        `q: expected at most ${MAX_TERM_LENGTH} characters (got ${q.length})`,
      );
    }
    // Digits only: Number() also reads ['5'], 0x10, 1e2 and padded spaces.
    const max =
      typeof limit === 'string' && /^\d+$/.test(limit) ? Number(limit) : NaN;
    if (!Number.isInteger(max) || max < 1 || max > MAX_LIMIT) {
      throw new InputError(
        `limit: expected a whole number from 1 to ${MAX_LIMIT} (got ${JSON.stringify(
          limit,
        )})`,
      );
    }
    const current = builtIndex(res);
    res.json(
      current.search(q, max, { readable: await readableRefs(credentials) }),
    );
  });

  // A page of products, from a search term, a set of refs (e.g. those
  // breaching an SLO), or both, filtered and sorted: for views the catalog
  // cannot filter, without sending it thousands of names.
  router.post(
    '/listings',
    requireJsonBody,
    jsonBody({ limit: '4mb' }),
    async (req, res) => {
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      const parsed = listingsQuery.safeParse(req.body);
      if (!parsed.success) {
        throw new InputError(describeIssues(parsed.error.issues));
      }
      const current = builtIndex(res);
      res.json(current.page(parsed.data, await readableRefs(credentials)));
    },
  );

  function builtIndex(res: express.Response): DataProductSearchIndex {
    const current = index();
    if (!current) {
      res.setHeader('Retry-After', '5');
      throw new ServiceUnavailableError(
        'The data product search index is still being built',
      );
    }
    return current;
  }

  // The catalog or the permission backend down: 503, not a 500 (or a 401)
  // showing where the database is.
  router.use(storeUnavailableHandler({ logger, what: 'catalog' }));
  return router;
}
