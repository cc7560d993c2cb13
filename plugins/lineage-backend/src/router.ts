import { HttpAuthService, LoggerService } from '@backstage/backend-plugin-api';
import {
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  formatNodeId,
  ParsedNodeId,
  parseNodeId,
} from '@meshwork/plugin-lineage-common';
import express, { Request, Response } from 'express';
import Router from 'express-promise-router';
import { IngestQueue, UnstoredEvent } from './service/IngestQueue';
import { decodePageCursor, encodePageCursor } from './service/pageCursor';
import { EventBodyParser, ParsedEventBody } from './service/EventBodyParser';
import { batchResponse } from './service/batchResponse';
import { FailedEvent } from './service/parseEventBody';
import { readRequestBody, RequestBodyError } from './service/readRequestBody';
import {
  booleanParam,
  choiceParam,
  intParam,
  marquezBooleanParam,
  marquezIntParam,
  Repeated,
  requiredParam,
  searchParam,
  stringParam,
  timeParam,
} from './service/queryParams';
import { toMarquezColumnLineage } from './service/toMarquezColumnLineage';
import { toMarquezGraph } from './service/toMarquezGraph';
import { isRead } from './service/markAsRead';
import { lastDrop } from './service/lastDrop';
import {
  createThrottledWarning,
  describeStoreError,
  isStoreUnavailable,
  answerUnavailable,
  storeUnavailableHandler,
} from '@meshwork/plugin-data-products-node';
import { LineageReader } from './store/LineageReader';
import { keyOf } from './store/keyOf';
import { foldNames } from './store/foldNames';
import type { SymlinkFold } from './store/symlinkFolds';
import { ResolvedNode } from './store/ResolvedNode';
import { ProductMeasurements } from './store/ProductMeasurements';
import { seenByAt } from './store/ReadWindow';

export type RouterOptions = {
  ingestQueue: IngestQueue;
  eventBodyParser: EventBodyParser;
  reader: LineageReader;
  measurements: ProductMeasurements;
  httpAuth: HttpAuthService;
  logger: LoggerService;
  /** Largest accepted body, compressed or not, in bytes. */
  maxBodyBytes: number;
  maxBatchEvents: number;
  /** Service subjects that may post events but not read lineage. */
  ingestOnlySubjects: string[];
  /** Extra routes (data products) mounted after the lineage ones. */
  extraRoutes?: express.Router;
};

const NODE_ID_FORMS: Record<ParsedNodeId['type'], string> = {
  dataset: 'dataset:<namespace>:<name>',
  job: 'job:<namespace>:<name>',
  datasetField: 'datasetField:<namespace>:<name>:<field>',
};

function sendError(
  res: Response,
  status: number,
  name: string,
  message: string,
  extra: object = {},
) {
  res.status(status).json({ error: { name, message }, ...extra });
}

/**
 * The events the store refused, as failures of the batch: positions count
 * the valid events only, which skip the invalid ones. The store's error
 * goes to the log, not to the client: it holds SQL.
 */
function refusedEvents(
  unstored: UnstoredEvent[],
  parsed: ParsedEventBody,
  logger: LoggerService,
): FailedEvent[] {
  const invalid = new Set(parsed.failed.map(event => event.index));
  const batchIndexOf: number[] = [];
  for (let index = 0; batchIndexOf.length < parsed.valid.length; index++) {
    if (!invalid.has(index)) batchIndexOf.push(index);
  }
  return unstored.map(({ position, error }) => {
    const index = batchIndexOf[position];
    logger.warn(
      `The lineage store refused event ${index} of a request: ${error}`,
    );
    const reason = 'the store refused this event; the backend log says why';
    return { index, reason, issues: [{ path: '', message: reason }] };
  });
}

/** A Marquez node id's version, as in `dataset:<ns>:<name>#<uuid>`. */
const VERSION_SUFFIX =
  /#[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?::|$)/i;

/**
 * The plugin's routes, and the OpenLineage endpoint's own (one event at its
 * root, a batch at `/batch`) for mounting where else producers post.
 */
export type LineageRouters = {
  router: express.Router;
  openLineageRoutes: express.Router;
};

export async function createRouter(
  options: RouterOptions,
): Promise<LineageRouters> {
  const { ingestQueue, eventBodyParser, reader, httpAuth, logger } = options;
  const router = Router();

  /** Reads need a user or a service other than an ingest-only token. */
  const authorizeRead = async (req: Request) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const { principal } = credentials;
    if (
      principal.type === 'service' &&
      options.ingestOnlySubjects.includes(principal.subject)
    ) {
      throw new NotAllowedError(
        'This token may post OpenLineage events but not read lineage',
      );
    }
  };

  /** A 503 with Retry-After: the request is worth retrying later. */
  /**
   * Outages are logged once a minute at most, as during one every request
   * would be: the store unavailable (its code and reason, not the SQL), or
   * behind (IngestQueue) with events refused.
   */
  const warn = createThrottledWarning(logger);

  const answerStoreUnavailable = (res: Response, error: Error) => {
    warn(
      'store',
      `The lineage store is unavailable: ${describeStoreError(error)}`,
    );
    answerUnavailable(res, 'The lineage store is unavailable; retry later');
  };

  const answerStoreBehind = (res: Response, error: Error) => {
    warn('store behind', error.message);
    answerUnavailable(res, error.message);
  };

  /** Stores events, answering 413/415/400/503 for what went wrong. */
  const ingest = async (req: Request, res: Response, batch: boolean) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    let parsed: ParsedEventBody;
    try {
      parsed = await eventBodyParser.parse(
        await readRequestBody(req, options.maxBodyBytes),
        { batch, maxBatchEvents: options.maxBatchEvents },
      );
    } catch (error) {
      if (error instanceof RequestBodyError) {
        sendError(res, error.status, error.name, error.message);
        return;
      }
      throw error;
    }
    const { valid } = parsed;
    const failed = [...parsed.failed];
    if (!batch && failed.length) {
      sendError(
        res,
        400,
        'InputError',
        `Invalid OpenLineage event: ${failed[0].reason}`,
        { issues: failed[0].issues },
      );
      return;
    }
    let stored = 0;
    let duplicates = 0;
    if (valid.length) {
      try {
        const outcome = await ingestQueue.ingest(valid);
        ({ stored, duplicates } = outcome);
        failed.push(...refusedEvents(outcome.unstored, parsed, logger));
      } catch (error) {
        if (isStoreUnavailable(error)) {
          answerStoreUnavailable(res, error as Error);
          return;
        }
        if (error instanceof ServiceUnavailableError) {
          answerStoreBehind(res, error);
          return;
        }
        throw error;
      }
    }
    if (!batch && failed.length) {
      sendError(
        res,
        400,
        'InputError',
        'The lineage store refused this event; the backend log says why',
        { issues: failed[0].issues },
      );
      return;
    }
    if (!batch) {
      res.status(stored ? 201 : 200).json({ stored, duplicates });
      return;
    }
    const report = batchResponse({
      received: valid.length + parsed.failed.length,
      stored,
      duplicates,
      failed,
    });
    if (report.summary.successful > 0 || failed.length === 0) {
      res.status(200).json(report);
      return;
    }
    // Nothing could be taken: the client's mistake, so a 400, with the
    // batch's report beside the error.
    const { status: _status, ...details } = report;
    const first = report.failed[0];
    sendError(
      res,
      400,
      'InputError',
      `${
        valid.length
          ? 'No event of the batch could be stored'
          : 'No valid OpenLineage event in the batch'
      }; first: event ${first.index}: ${first.reason}`,
      details,
    );
  };

  const openLineageRoutes = Router();
  openLineageRoutes.post('/', (req, res) => ingest(req, res, false));
  openLineageRoutes.post('/batch', (req, res) => ingest(req, res, true));
  router.use('/api/v1/lineage', openLineageRoutes);
  // OpenLineage's Java client (Spark, Flink) posts to its url as given once
  // that url has a path: `…/api/lineage` itself.
  router.post('/', (req, res) => ingest(req, res, false));

  /** The stored node of query parameter `name`, of one of `types`. */
  const resolveNode = async (
    req: Request,
    name: string,
    types: ReadonlyArray<ParsedNodeId['type']>,
    repeated: Repeated = 'refuse',
  ): Promise<ResolvedNode> => {
    const nodeId = requiredParam(req, name, repeated);
    const parsed = parseNodeId(nodeId);
    if (!parsed || !types.includes(parsed.type)) {
      const forms = types.map(type => NODE_ID_FORMS[type]).join(' or ');
      throw new InputError(
        `Query parameter ${name} must be a ${forms} node id, got ${JSON.stringify(
          nodeId,
        )}`,
      );
    }
    const node = await reader.resolve(parsed);
    if (!node && VERSION_SUFFIX.test(nodeId)) {
      throw new InputError(
        `Query parameter ${name} names a version (#<uuid>), got ${JSON.stringify(
          nodeId,
        )}; Meshwork keeps no dataset or job versions: leave the version out`,
      );
    }
    if (!node) {
      throw new NotFoundError(`No lineage for ${nodeId}`);
    }
    return node;
  };

  /**
   * The fields column lineage starts from: a field's own; a dataset's; a
   * job's, those of the datasets it writes now (as Marquez starts there).
   * A dataset's fields are its table's, under any of the names it is
   * known by (see symlinkFolds).
   */
  const startingFields = async (root: ResolvedNode) => {
    if (root.field !== undefined) {
      return [{ datasetId: root.id, field: root.field }];
    }
    const written =
      root.type === 'job'
        ? [
            ...((await reader.currentDatasetsOf([root.id])).get(root.id)?.out ??
              []),
          ]
        : [root.id];
    const folds = await Promise.all(written.map(id => reader.foldOf(id)));
    const datasetIds = [
      ...new Set(written.flatMap((id, i) => folds[i]?.members ?? [id])),
    ];
    const fields = await Promise.all(
      datasetIds.map(async datasetId =>
        (await reader.fieldsOf(datasetId)).map(field => ({ datasetId, field })),
      ),
    );
    return fields.flat();
  };

  // Marquez-compatible reads. Marquez's own parameters are read as Marquez
  // reads them: any depth, a repeated parameter's first value.
  router.get('/api/v1/lineage', async (req, res) => {
    await authorizeRead(req);
    const root = await resolveNode(req, 'nodeId', ['dataset', 'job'], 'first');
    const graph = await reader.marquezGraph({
      root,
      depth: marquezIntParam(req, 'depth', 20, { min: 0, max: 100 }),
      maxNodes: intParam(req, 'maxNodes', 10_000, { min: 1, max: 100_000 }),
      // Marquez walks its jobs' current versions: a read a job dropped is gone.
      edges: choiceParam(req, 'edges', ['current', 'all']),
    });
    res.json(await toMarquezGraph(graph, reader, options.measurements));
  });

  router.get('/api/v1/column-lineage', async (req, res) => {
    await authorizeRead(req);
    const root = await resolveNode(
      req,
      'nodeId',
      ['datasetField', 'dataset', 'job'],
      'first',
    );
    // At least one level: Marquez always gives the first (ColumnLineageDao),
    // and its web UI sends depth 0 when its depth box is cleared.
    const depth = marquezIntParam(req, 'depth', 20, { min: 1, max: 100 });
    const { edges, truncated, fields, alsoKnownAs } = await reader.columnEdges(
      await startingFields(root),
      depth,
      marquezBooleanParam(req, 'withDownstream'),
      intParam(req, 'maxNodes', 10_000, { min: 1, max: 100_000 }),
    );
    res.json(
      await toMarquezColumnLineage(
        fields,
        edges,
        truncated,
        reader,
        alsoKnownAs,
      ),
    );
  });

  // Meshwork's graph API.
  router.get('/graph', async (req, res) => {
    await authorizeRead(req);
    const root = await resolveNode(req, 'nodeId', ['dataset', 'job']);
    const direction = choiceParam(req, 'direction', [
      'both',
      'upstream',
      'downstream',
    ]);
    const depth = intParam(req, 'depth', 5, { min: 0, max: 100 });
    const upstreamDepth = intParam(req, 'upstreamDepth', depth, {
      min: 0,
      max: 100,
    });
    const downstreamDepth = intParam(req, 'downstreamDepth', depth, {
      min: 0,
      max: 100,
    });
    const {
      ids: _ids,
      parentJobs: _parentJobs,
      ...graph
    } = await reader.graph({
      root,
      upstreamDepth: direction === 'downstream' ? 0 : upstreamDepth,
      downstreamDepth: direction === 'upstream' ? 0 : downstreamDepth,
      maxNodes: intParam(req, 'maxNodes', 2_000, { min: 1, max: 100_000 }),
      asOf: timeParam(req, 'asOf'),
      edges: choiceParam(req, 'edges', ['all', 'current']),
      parents: true,
      children: true,
      types: booleanParam(req, 'types'),
    });
    res.json(graph);
  });

  router.get('/search', async (req, res) => {
    await authorizeRead(req);
    const q = searchParam(req);
    const type = choiceParam(req, 'type', ['dataset', 'job', 'column']);
    const limit = intParam(req, 'limit', 50, { min: 1, max: 500 });
    res.json({ results: await reader.search(type, q, limit) });
  });

  router.get('/runs', async (req, res) => {
    await authorizeRead(req);
    const job = await resolveNode(req, 'job', ['job']);
    const limit = intParam(req, 'limit', 50, { min: 1, max: 1000 });
    if (booleanParam(req, 'children')) {
      const paging = ['before', 'cursor'].find(name => req.query[name]);
      if (paging) {
        throw new InputError(
          `Query parameter ${paging} does not go with children=true, which answers one page of the latest runs`,
        );
      }
      res.json({ runs: await reader.runsOfChildJobs(job.id, limit) });
      return;
    }
    const page = await reader.runsOfJob(job.id, limit, {
      before: timeParam(req, 'before'),
      after: decodePageCursor<string>(stringParam(req, 'cursor'), 'string'),
    });
    res.json({
      runs: page.runs,
      nextCursor: page.next ? encodePageCursor(page.next) : undefined,
    });
  });

  const lastWriteOf = async (datasetId: number) => {
    const [write] = await options.measurements.successfulWrites(
      [datasetId],
      0,
      { newest: 1, seenBy: seenByAt(Date.now()) },
    );
    return write
      ? { runId: write.runId, endedAt: new Date(write.time).toISOString() }
      : null;
  };

  /**
   * The names of a fold's other datasets, and, asked by a name other than
   * its primary's, the primary whose data the answer holds.
   */
  const namesOfFold = async (fold: SymlinkFold, datasetId: number) => {
    const names = await reader.names(
      fold.members.map(id => keyOf('dataset', id)),
    );
    return foldNames(fold, datasetId, id => names.get(keyOf('dataset', id))!);
  };

  router.get('/datasets', async (req, res) => {
    await authorizeRead(req);
    const node = await resolveNode(req, 'nodeId', ['dataset']);
    // A table known by several names through `symlinks` facets is one
    // node in the graph: by any of its names, its data is its primary's
    // (the files Spark writes), as Marquez shows a joined node's.
    const fold = await reader.foldOf(node.id);
    const dataId = fold?.primary ?? node.id;
    const read = await reader.datasets([...new Set([node.id, dataId])]);
    const own = read.find(row => row.id === node.id)!;
    const dataset = read.find(row => row.id === dataId)!;
    res.json({
      id: formatNodeId('dataset', own.namespace, own.name),
      namespace: own.namespace,
      name: own.name,
      facets: dataset.facets,
      updatedAt: new Date(dataset.updatedAt).toISOString(),
      // When its data last changed: updatedAt moves with any facet about
      // it, a reader's schema facet too.
      lastWrite: await lastWriteOf(dataId),
      // Whether its latest write dropped it, as Marquez's lastLifecycleState
      // says: its facets and last write outlive the table.
      dropped: await lastDrop(
        reader,
        options.measurements,
        dataId,
        seenByAt(Date.now()),
      ),
      // Its schema's columns, and those column lineage writes or reads (a
      // source no schema facet described has only these), under any of its
      // table's names, as column lineage by its id starts from them: a
      // partition column only the Hive table's readers name is one too.
      columns: [
        ...new Set(
          (
            await Promise.all(
              (fold?.members ?? [dataId]).map(id => reader.fieldsOf(id)),
            )
          ).flat(),
        ),
      ].sort(),
      schemaVersions: await reader.schemaVersions(dataId),
      symlinks: await reader.symlinks(dataId),
      ...(fold && (await namesOfFold(fold, node.id))),
    });
  });

  router.get('/events', async (req, res) => {
    await authorizeRead(req);
    const cursor = decodePageCursor<number>(
      stringParam(req, 'cursor'),
      'number',
    );
    const after = timeParam(req, 'after');
    const before = timeParam(req, 'before');
    if (after !== undefined && before !== undefined && after > before) {
      throw new InputError(
        'Query parameter after must not be later than before: no event is in that window',
      );
    }
    const page = await reader.events({
      after,
      before,
      cursor,
      limit: intParam(req, 'limit', 100, { min: 1, max: 1000 }),
    });
    // Written from the stored text: parsing every event only to serialize
    // it again took several times its size in memory.
    const nextCursor = page.next
      ? `,"nextCursor":${JSON.stringify(encodePageCursor(page.next))}`
      : '';
    res
      .type('application/json')
      .send(`{"events":[${page.payloads.join(',')}]${nextCursor}}`);
  });

  if (options.extraRoutes) {
    router.use(async (req, _res, next) => {
      await authorizeRead(req);
      next();
    });
    router.use(options.extraRoutes);
  }

  // A read the store or the catalog cannot answer now is worth retrying:
  // 503 with Retry-After, as for writes, not a 500 (nor a 401 from a
  // plugin asked with this one's token). Writes answer for themselves: a
  // producer hanging up mid-body is no store outage.
  router.use(
    storeUnavailableHandler({
      logger,
      what: 'lineage store',
      applies: (req, res) => isRead(req.method, res),
      warn,
    }),
  );

  return { router, openLineageRoutes };
}
