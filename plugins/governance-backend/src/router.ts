import {
  BackstageCredentials,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  bucketTrend,
  builtinChecks,
  type ExemptionGrantors,
  type ExemptionState,
  governanceExemptionCreatePermission,
  levels,
  rollupScorecards,
  type ScorecardResponse,
} from '@meshwork/plugin-governance-common';
import { comparableEntityRef } from '@meshwork/plugin-data-products-common';
import {
  jsonBody,
  requireJsonBody,
  storeUnavailableHandler,
} from '@meshwork/plugin-data-products-node';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import {
  parseDryRun,
  parseNewExemption,
  parseRevocation,
} from './service/parseRequests';
import { endOfUtcDayIn } from './service/endOfUtcDayIn';
import { historyWindow } from './service/historyWindow';
import { rejectNulCharacters } from './service/rejectNulCharacters';
import { ProductScorecards } from './service/ProductScorecards';
import { ExemptionStore } from './store/ExemptionStore';
import { ScorecardStore, StoredScorecard } from './store/ScorecardStore';

const MAX_EXPIRING_WITHIN_DAYS = 3660;
const EXEMPTION_STATES = ['active', 'expired', 'revoked', 'all'];

function stringParam(value: unknown, name: string): string | undefined {
  if (value === undefined || typeof value === 'string') return value;
  throw new InputError(`${name}: expected one value`);
}

function enumParam<T extends string>(
  value: unknown,
  name: string,
  allowed: readonly T[],
): T | undefined {
  const text = stringParam(value, name);
  if (text === undefined || allowed.includes(text as T)) return text as T;
  throw new InputError(
    `${name}: expected one of ${allowed.join(', ')} (got ${JSON.stringify(
      text,
    )})`,
  );
}

/**
 * An entity ref query parameter as stored (full, lower case): `sales` for
 * a domain is `domain:default/sales`, as the catalog reads a ref without
 * namespace (a policy's `domain` filter, unlike this, matches a bare name
 * in any namespace).
 */
function entityRefParam(
  value: unknown,
  name: string,
  defaultKind: string,
): string | undefined {
  const text = stringParam(value, name);
  if (text === undefined) return undefined;
  const ref = comparableEntityRef(text, defaultKind);
  if (ref === undefined) {
    throw new InputError(
      `${name}: expected an entity ref like ${defaultKind}:default/name or name (got ${JSON.stringify(
        text,
      )})`,
    );
  }
  return ref;
}

const refParam = (params: Record<string, string>) =>
  stringifyEntityRef({
    kind: params.kind,
    namespace: params.namespace,
    name: params.name,
  }).toLocaleLowerCase('en-US');

const withoutHash = ({ sourceHash: _hash, ...card }: StoredScorecard) => card;

export async function createRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  logger: LoggerService;
  scorecardStore: ScorecardStore;
  exemptionStore: ExemptionStore;
  scorecards: ProductScorecards;
  /** The products the caller may read; undefined: all. */
  readableRefs: (
    credentials: BackstageCredentials,
  ) => Promise<ReadonlySet<string> | undefined>;
  /** Who may grant the product exemptions; undefined: not a data product. */
  grantorsOf: (entityRef: string) => Promise<ExemptionGrantors | undefined>;
}): Promise<express.Router> {
  const {
    httpAuth,
    permissions,
    logger,
    scorecardStore,
    exemptionStore,
    scorecards,
    readableRefs,
    grantorsOf,
  } = options;
  const router = Router();
  router.use(jsonBody({ limit: '2mb' }));
  // Every route needs a signed-in user or a service.
  router.use(async (req, _res, next) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    next();
  });
  router.use(rejectNulCharacters);

  /**
   * Whether the caller may read a product: scorecards are evaluated with
   * this plugin's own credentials, so answers leave out what the catalog
   * would not show the caller, and a product it may not read is not found.
   */
  const readerOf = async (req: Request) => {
    const readable = await readableRefs(await httpAuth.credentials(req));
    if (!readable) return () => true;
    const stored = new Set(
      [...readable].map(ref => ref.toLocaleLowerCase('en-US')),
    );
    return (ref: string) => stored.has(ref.toLocaleLowerCase('en-US'));
  };

  /** A user allowed to manage exemptions of this product, or a 403. */
  const authorizeExemption = async (req: Request, entityRef: string) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const [decision] = await permissions.authorize(
      [
        {
          permission: governanceExemptionCreatePermission,
          resourceRef: entityRef,
        },
      ],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Only the platform team or the owner of the product's domain may manage exemptions of ${entityRef}`,
      );
    }
    return credentials.principal.userEntityRef;
  };

  /**
   * Scores the product again, so an exemption shows at once; should that
   * fail (lineage down, say), the exemption is stored all the same and the
   * next pass shows it.
   */
  const rescore = async (entityRef: string) => {
    const now = Date.now();
    try {
      const cards = await scorecards.evaluateRefs([entityRef], new Date(now));
      await scorecardStore.save(cards, now);
    } catch (error) {
      logger.warn(
        `Could not score ${entityRef} again after its exemptions changed: ${error}`,
      );
    }
  };

  router.get('/checks', (_req, res) => {
    res.json(builtinChecks.map(({ evaluate: _evaluate, ...check }) => check));
  });

  router.get('/scorecards', async (req, res) => {
    const filter = {
      level: enumParam(req.query.level, 'level', levels),
      domain: entityRefParam(req.query.domain, 'domain', 'domain'),
      owner: entityRefParam(req.query.owner, 'owner', 'group'),
    };
    const canRead = await readerOf(req);
    const cards = await scorecardStore.list(filter);
    res.json(cards.filter(card => canRead(card.entityRef)));
  });

  router.get('/scorecards/:kind/:namespace/:name', async (req, res) => {
    const entityRef = refParam(req.params);
    const scorecard = await scorecardStore.get(entityRef);
    if (!scorecard || !(await readerOf(req))(entityRef)) {
      throw new NotFoundError(`No scorecard for ${entityRef} yet`);
    }
    const response: ScorecardResponse = {
      ...withoutHash(scorecard),
      exemptions: await exemptionStore.list(Date.now(), {
        entityRefs: [entityRef],
      }),
    };
    res.json(response);
  });

  router.get('/rollups/:by', async (req, res) => {
    const { by } = req.params;
    if (by !== 'domains' && by !== 'teams') {
      throw new NotFoundError(`No rollup by ${by} (expected domains or teams)`);
    }
    const canRead = await readerOf(req);
    const cards = (await scorecardStore.all()).filter(card =>
      canRead(card.entityRef),
    );
    const keyOf = new Map(
      cards.map(card => [
        card.entityRef,
        by === 'domains' ? card.domain : card.owner,
      ]),
    );
    res.json(rollupScorecards(cards, card => keyOf.get(card.entityRef)!));
  });

  router.get('/history/:kind/:namespace/:name', async (req, res) => {
    const { from, to } = historyWindow(req.query);
    const entityRef = refParam(req.params);
    // As for a product never scored: saying more would say it exists.
    if (!(await readerOf(req))(entityRef)) {
      res.json([]);
      return;
    }
    // Missing from the catalog: none, as for one never scored, since it may
    // be back in a moment (its scorecard is a 404 meanwhile).
    res.json(await scorecardStore.history(entityRef, from, to));
  });

  // The mesh's average score by day (or hour), for the trend chart.
  router.get('/history', async (req, res) => {
    const now = Date.now();
    const { from, to } = historyWindow(req.query, now);
    const evaluations = await scorecardStore.trend(from, to);
    res.json(
      bucketTrend(
        evaluations,
        enumParam(req.query.by, 'by', ['day', 'hour'] as const) ?? 'day',
        // The last evaluation holds until now, or the end of the window.
        Math.min(to, now),
        from,
      ),
    );
  });

  router.get('/exemptions', async (req, res) => {
    const now = Date.now();
    const days = stringParam(
      req.query.expiringWithinDays,
      'expiringWithinDays',
    );
    // Up to ten years: the time it gives must stay a whole number of
    // milliseconds a bigint column compares with.
    if (
      days !== undefined &&
      !(/^\d+(\.\d+)?$/.test(days) && Number(days) <= MAX_EXPIRING_WITHIN_DAYS)
    ) {
      throw new InputError(
        `expiringWithinDays: expected a number of days up to ${MAX_EXPIRING_WITHIN_DAYS} (got ${JSON.stringify(
          days,
        )})`,
      );
    }
    const entityRef = entityRefParam(
      req.query.entityRef,
      'entityRef',
      'dataproduct',
    );
    const canRead = await readerOf(req);
    const exemptions = await exemptionStore.list(now, {
      entityRefs: entityRef ? [entityRef] : undefined,
      state: enumParam(req.query.state, 'state', EXEMPTION_STATES) as
        | ExemptionState
        | 'all'
        | undefined,
      expiringBefore:
        days === undefined ? undefined : endOfUtcDayIn(Number(days), now),
    });
    res.json(exemptions.filter(exemption => canRead(exemption.entityRef)));
  });

  router.get('/exemptions/:id', async (req, res) => {
    const exemption = await exemptionStore.get(req.params.id, Date.now());
    if (!exemption || !(await readerOf(req))(exemption.entityRef)) {
      throw new NotFoundError(`No exemption ${req.params.id}`);
    }
    res.json(exemption);
  });

  // Whom to ask: the Exemptions card tells a user who may not grant.
  router.get('/grantors/:kind/:namespace/:name', async (req, res) => {
    const entityRef = refParam(req.params);
    const grantors =
      (await readerOf(req))(entityRef) && (await grantorsOf(entityRef));
    if (!grantors) throw new NotFoundError(`No data product ${entityRef}`);
    res.json(grantors);
  });

  router.post('/exemptions', requireJsonBody, async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user'] });
    const now = Date.now();
    const exemption = parseNewExemption(req.body, now);
    // One the caller may not read is not there for it, as for GET.
    if (
      !(await readerOf(req))(exemption.entityRef) ||
      !(await scorecards.exists(exemption.entityRef))
    ) {
      throw new InputError(
        `entityRef: no data product ${exemption.entityRef} in the catalog`,
      );
    }
    const actor = await authorizeExemption(req, exemption.entityRef);
    // Whoever the grant names must be someone the org knows: the one who
    // grants it, or a user or group of the catalog.
    if (
      exemption.approver.toLocaleLowerCase('en-US') !==
        actor.toLocaleLowerCase('en-US') &&
      !(await scorecards.isUserOrGroup(exemption.approver))
    ) {
      throw new InputError(
        `approver: no user or group ${exemption.approver} in the catalog, nor the one granting it (${actor})`,
      );
    }
    // Found in the catalog after `now`: a removal since then refuses it. The
    // grant is dated when stored, not now: one asked for meanwhile may be
    // stored first, and this one replaces it.
    const stored = await exemptionStore.add(exemption, actor, Date.now, now);
    logger.info(
      `${actor} exempted ${stored.entityRef} from ${stored.checkId} until ${stored.expiresAt} (exemption ${stored.id})`,
    );
    await rescore(stored.entityRef);
    res.status(201).json(stored);
  });

  router.post('/exemptions/:id/revoke', requireJsonBody, async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user'] });
    const reason = parseRevocation(req.body);
    const existing = await exemptionStore.get(req.params.id, Date.now());
    if (!existing || !(await readerOf(req))(existing.entityRef)) {
      throw new NotFoundError(`No exemption ${req.params.id}`);
    }
    const actor = await authorizeExemption(req, existing.entityRef);
    const revoked = await exemptionStore.revoke(
      existing.id,
      actor,
      reason,
      Date.now(),
    );
    logger.info(`${actor} revoked exemption ${revoked.id}: ${reason}`);
    await rescore(revoked.entityRef);
    res.json(revoked);
  });

  // A dry run: the scorecard a product would get, stored nowhere.
  router.post('/evaluate', requireJsonBody, async (req, res) => {
    const draft = await parseDryRun(req.body);
    res.json(await scorecards.evaluateDraft(draft, await readerOf(req)));
  });

  // Its database, the catalog or the permission backend down: 503, not a
  // 500 showing where the database is, nor a 401 to a user signed in.
  router.use(storeUnavailableHandler({ logger, what: 'governance store' }));
  return router;
}
