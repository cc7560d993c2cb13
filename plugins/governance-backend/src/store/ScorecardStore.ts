import {
  type Level,
  levels,
  type MeshEvaluation,
  type Scorecard,
  type ScorecardCheck,
  type ScorecardHistoryPoint,
  type ScorecardSummary,
} from '@meshwork/plugin-governance-common';
import { Knex } from 'knex';
import { migrateGovernanceDatabase } from './migrateGovernanceDatabase';

/**
 * A history point is written when a product's scorecard changes, and
 * otherwise at most this often, so that a steady mesh evaluated every few
 * seconds adds about 24 points a day per product rather than thousands.
 */
const HISTORY_INTERVAL_MS = 60 * 60 * 1000;

/** A scorecard as evaluated, with what rollups and change detection need. */
export type StoredScorecard = Scorecard & {
  domain: string;
  owner: string;
  /** Fingerprint of the inputs (see sourceHashOf). */
  sourceHash: string;
};

type Row = {
  entity_ref: string;
  domain: string;
  owner: string;
  score: number;
  level: string;
  failing: number;
  checks: string;
  evaluated_at: number | string;
  source_hash: string | null;
  problems: string | null;
};

const failingOf = (checks: ScorecardCheck[]) =>
  checks.filter(c => c.status === 'fail').length;

const iso = (time: number | string) => new Date(Number(time)).toISOString();

/** How long a removal is remembered against passes that read before it. */
const REMOVAL_KEPT_MS = 24 * 60 * 60 * 1000;

/**
 * Called in the transaction that removes products' scorecards, so that what
 * else ends with them (their exemptions) ends with the removal or not at all.
 */
export type OnScorecardsRemoved = (
  entityRefs: string[],
  now: number,
  tx: Knex.Transaction,
) => Promise<void>;

/** Latest scorecards, their history and the mesh's trend, on SQLite or Postgres. */
export class ScorecardStore {
  /**
   * With `removalGracePeriodMs` (default 0: at once), a product missing from
   * the catalog is removed only once it has been missing that long.
   */
  static async create(
    db: Knex,
    options: {
      skipMigrations?: boolean;
      onRemove?: OnScorecardsRemoved;
      removalGracePeriodMs?: number;
    } = {},
  ): Promise<ScorecardStore> {
    if (!options.skipMigrations) {
      await migrateGovernanceDatabase(db);
    }
    return new ScorecardStore(
      db,
      options.onRemove,
      options.removalGracePeriodMs ?? 0,
    );
  }

  private constructor(
    private readonly db: Knex,
    private readonly onRemove: OnScorecardsRemoved | undefined,
    private readonly removalGracePeriodMs: number,
  ) {}

  /**
   * Stores these scorecards as the latest, unless one evaluated after `now`
   * is stored or the product was removed since. The products in `remove`
   * (or, with `complete`, every product not given, not in `keep` and not
   * evaluated since) are missing from the catalog as read at `now`: once one
   * has been missing for the grace period, its scorecard and history are
   * removed (and, through `onRemove`, its exemptions revoked); until then
   * they stay, its scorecard hidden. A product given, kept or `present` is in
   * the catalog again. One `settled` (missing, never scored, its exemptions
   * ended since) has nothing left to keep: it is missing no more. Adds a
   * history point for each scorecard that changed or whose last point is an
   * hour old, and a trend point for the mesh on the same terms.
   */
  async save(
    scorecards: StoredScorecard[],
    now: number,
    options: {
      complete?: boolean;
      remove?: string[];
      keep?: string[];
      present?: string[];
      settled?: string[];
    } = {},
  ): Promise<{ missing: string[]; removed: string[] }> {
    return this.db.transaction(async tx => {
      // Saves are taken in turn: a removal committed after this one read the
      // removals, and before it wrote, would be missed and the product
      // brought back (SQLite writes one transaction at a time).
      if (tx.client.config.client === 'pg') {
        await tx.raw('select pg_advisory_xact_lock(hashtext(?))', [
          'governance_scorecards',
        ]);
      }
      const refs = scorecards.map(card => card.entityRef);
      const previous = new Map<string, Row>();
      const lastPoints = new Map<string, number>();
      const removals = new Map<string, number>();
      for (let i = 0; i < refs.length; i += 500) {
        const slice = refs.slice(i, i + 500);
        for (const row of await tx<Row>('governance_scorecards').whereIn(
          'entity_ref',
          slice,
        )) {
          previous.set(row.entity_ref, row);
        }
        const points = (await tx('governance_history')
          .whereIn('entity_ref', slice)
          .groupBy('entity_ref')
          .select('entity_ref')
          .max({ at: 'evaluated_at' })) as Array<{
          entity_ref: string;
          at: number | string;
        }>;
        for (const point of points) {
          lastPoints.set(point.entity_ref, Number(point.at));
        }
        for (const removal of await tx('governance_removals')
          .whereIn('entity_ref', slice)
          .select('entity_ref', 'removed_at')) {
          removals.set(removal.entity_ref, Number(removal.removed_at));
        }
      }
      // A scorecard stored by a later evaluation (a changed product or an
      // exemption, scored while this pass ran) is newer than this one's; a
      // product removed since this pass read the catalog stays removed.
      const rows: Row[] = scorecards
        .filter(
          card =>
            Number(previous.get(card.entityRef)?.evaluated_at ?? -Infinity) <=
              now && (removals.get(card.entityRef) ?? -Infinity) < now,
        )
        .map(card => ({
          entity_ref: card.entityRef,
          domain: card.domain,
          owner: card.owner,
          score: card.score,
          level: card.level,
          failing: failingOf(card.checks),
          checks: JSON.stringify(card.checks),
          evaluated_at: now,
          source_hash: card.sourceHash,
          problems: card.problems?.length
            ? JSON.stringify(card.problems)
            : null,
        }));
      const history = rows
        .filter(row => {
          const before = previous.get(row.entity_ref);
          const changed =
            !before ||
            before.score !== row.score ||
            before.level !== row.level ||
            verdictsOf(before.checks) !== verdictsOf(row.checks);
          const last = lastPoints.get(row.entity_ref) ?? 0;
          return changed || now - last >= HISTORY_INTERVAL_MS;
        })
        .map(row => ({
          entity_ref: row.entity_ref,
          score: row.score,
          level: row.level,
          failing: row.failing,
          checks: row.checks,
          evaluated_at: now,
        }));

      if (options.complete) {
        // No pass runs for a day: older removals can no longer be missed.
        await tx('governance_removals')
          .where('removed_at', '<', now - REMOVAL_KEPT_MS)
          .delete();
      }
      const given = new Set([...refs, ...(options.keep ?? [])]);
      const missing = options.complete
        ? (
            await tx('governance_scorecards')
              .where('evaluated_at', '<', now)
              .select('entity_ref')
          )
            .map(row => String(row.entity_ref))
            .filter(ref => !given.has(ref))
        : options.remove ?? [];
      const { fresh, gone } = await this.departed(
        tx,
        missing,
        [...given, ...(options.present ?? [])],
        options.settled ?? [],
        now,
      );
      for (let i = 0; i < gone.length; i += 500) {
        const slice = gone.slice(i, i + 500);
        await tx('governance_scorecards').whereIn('entity_ref', slice).delete();
        // Its history goes with it: a later product of its name starts anew.
        await tx('governance_history').whereIn('entity_ref', slice).delete();
        await tx('governance_removals')
          .insert(slice.map(ref => ({ entity_ref: ref, removed_at: now })))
          .onConflict('entity_ref')
          .merge()
          .where('governance_removals.removed_at', '<', now);
      }
      if (gone.length && this.onRemove) {
        await this.onRemove(gone, now, tx);
      }
      for (let i = 0; i < rows.length; i += 100) {
        const slice = rows.slice(i, i + 100);
        await tx('governance_scorecards')
          .insert(slice)
          .onConflict('entity_ref')
          .merge()
          .where('governance_scorecards.evaluated_at', '<=', now);
        // A product scored after its removal came back.
        await tx('governance_removals')
          .whereIn(
            'entity_ref',
            slice.map(row => row.entity_ref),
          )
          .delete();
      }
      for (let i = 0; i < history.length; i += 100) {
        await tx('governance_history').insert(history.slice(i, i + 100));
      }
      await this.addTrendPoint(tx, now);
      return { missing: fresh, removed: gone };
    });
  }

  /**
   * Records the products `missing` from the catalog as read at `now` (since
   * then, unless missing since before) and ends the departures of those
   * `present` in it (unless they went missing after `now`, as a later read
   * found); answers those missing for the grace period, whose departures
   * end with their removal, and those found missing only now. The
   * departures of those `settled` end too, unless they were scored since.
   */
  private async departed(
    tx: Knex.Transaction,
    missing: string[],
    present: string[],
    settled: string[],
    now: number,
  ): Promise<{ fresh: string[]; gone: string[] }> {
    const pending = new Map<string, number>();
    for (const row of await tx('governance_departures').select(
      'entity_ref',
      'missing_since',
    )) {
      pending.set(row.entity_ref, Number(row.missing_since));
    }
    const back = [...new Set(present)].filter(
      ref => (pending.get(ref) ?? Infinity) <= now,
    );
    for (let i = 0; i < back.length; i += 500) {
      await tx('governance_departures')
        .whereIn('entity_ref', back.slice(i, i + 500))
        .where('missing_since', '<=', now)
        .delete();
    }
    for (let i = 0; i < settled.length; i += 500) {
      await tx('governance_departures')
        .whereIn('entity_ref', settled.slice(i, i + 500))
        .where('missing_since', '<=', now)
        .whereNotExists(
          tx('governance_scorecards')
            .select('entity_ref')
            .whereRaw('?? = ??', [
              'governance_scorecards.entity_ref',
              'governance_departures.entity_ref',
            ]),
        )
        .delete();
    }
    const fresh = missing.filter(ref => !pending.has(ref));
    for (let i = 0; i < fresh.length; i += 500) {
      await tx('governance_departures')
        .insert(
          fresh
            .slice(i, i + 500)
            .map(ref => ({ entity_ref: ref, missing_since: now })),
        )
        .onConflict('entity_ref')
        .ignore();
    }
    const gone = missing.filter(
      ref => now - (pending.get(ref) ?? now) >= this.removalGracePeriodMs,
    );
    for (let i = 0; i < gone.length; i += 500) {
      await tx('governance_departures')
        .whereIn('entity_ref', gone.slice(i, i + 500))
        .delete();
    }
    // Those gone at once (no grace period) are removed, not missing.
    return { fresh: fresh.filter(ref => !gone.includes(ref)), gone };
  }

  /** The mesh's average score and levels now, when they changed or hourly. */
  private async addTrendPoint(tx: Knex.Transaction, now: number) {
    const counts = (await tx('governance_scorecards')
      .groupBy('level')
      .select('level')
      .count({ products: '*' })
      .sum({ scores: 'score' })) as Array<{
      level: string;
      products: number | string;
      scores: number | string;
    }>;
    const products = counts.reduce((sum, c) => sum + Number(c.products), 0);
    const last = await tx('governance_trend')
      .orderBy('evaluated_at', 'desc')
      .first();
    // An empty mesh has no average score (its average_score of 0 is none,
    // which readers skip). It is stored once, when the last products go, so
    // the score before stops holding; a pass before the catalog was first
    // read, with no point before it, stores none.
    if (!products && !Number(last?.products ?? 0)) return;
    const total = counts.reduce((sum, c) => sum + Number(c.scores), 0);
    const trend = {
      average_score: products && Math.round(total / products),
      products,
      levels: JSON.stringify(
        Object.fromEntries(
          levels.map(level => [
            level,
            Number(counts.find(c => c.level === level)?.products ?? 0),
          ]),
        ),
      ),
    };
    // A pass that ran longer than a later save: the mesh as it is now
    // replaces the latest point, not one before it.
    const at = Math.max(now, Number(last?.evaluated_at ?? now));
    if (
      !last ||
      last.average_score !== trend.average_score ||
      last.products !== trend.products ||
      last.levels !== trend.levels ||
      at - Number(last.evaluated_at) >= HISTORY_INTERVAL_MS
    ) {
      await tx('governance_trend')
        .insert({ evaluated_at: at, ...trend })
        .onConflict('evaluated_at')
        .merge();
    }
  }

  /** The products missing from the catalog, kept for the grace period. */
  async departures(): Promise<Set<string>> {
    return new Set(await this.db('governance_departures').pluck('entity_ref'));
  }

  /**
   * The products missing from the catalog whose removal is not due at `now`.
   */
  async departedWithinGrace(now: number): Promise<Set<string>> {
    return new Set(
      await this.db('governance_departures')
        .where('missing_since', '>', now - this.removalGracePeriodMs)
        .pluck('entity_ref'),
    );
  }

  /**
   * Each product's fingerprint, for change detection; those of products
   * missing from the catalog too, so that they stay missing until removed.
   */
  async sourceHashes(): Promise<Map<string, string>> {
    const rows = await this.db<Row>('governance_scorecards').select(
      'entity_ref',
      'source_hash',
    );
    return new Map(rows.map(row => [row.entity_ref, row.source_hash ?? '']));
  }

  async list(
    filter: { level?: string; domain?: string; owner?: string } = {},
  ): Promise<ScorecardSummary[]> {
    const rows = await this.listed()
      .where(builder => {
        if (filter.level) builder.where('level', filter.level);
        if (filter.domain) builder.where('domain', filter.domain);
        if (filter.owner) builder.where('owner', filter.owner);
      })
      // In byte order on both databases, as SQLite's BINARY collation has
      // it: Postgres would otherwise sort by the database's collation, which
      // under an ICU or en_US locale puts `a_b` before `a-c`.
      .orderByRaw(
        this.db.client.config.client === 'pg'
          ? 'entity_ref collate "C"'
          : 'entity_ref',
      )
      .select(
        'entity_ref',
        'domain',
        'owner',
        'score',
        'level',
        'failing',
        'evaluated_at',
        'problems',
      );
    return rows.map(row => ({
      entityRef: row.entity_ref,
      domain: row.domain,
      owner: row.owner,
      score: row.score,
      level: row.level as Level,
      failing: row.failing,
      evaluatedAt: iso(row.evaluated_at),
      ...problemsOf(row),
    }));
  }

  /**
   * The scorecards shown: not those of products missing from the catalog,
   * kept only in case they come back.
   */
  private listed() {
    return this.db<Row>('governance_scorecards').whereNotExists(
      this.db('governance_departures')
        .select('entity_ref')
        .whereRaw('?? = ??', [
          'governance_departures.entity_ref',
          'governance_scorecards.entity_ref',
        ]),
    );
  }

  async all(): Promise<StoredScorecard[]> {
    const rows = await this.listed().select();
    return rows.map(toScorecard);
  }

  async get(entityRef: string): Promise<StoredScorecard | undefined> {
    const row = await this.listed()
      .where('governance_scorecards.entity_ref', entityRef)
      .first();
    return row && toScorecard(row);
  }

  /**
   * A product's scores over time; none while it is missing from the catalog,
   * hidden as its scorecard is (kept, and shown again once it is back).
   */
  async history(
    entityRef: string,
    from: number,
    to: number,
  ): Promise<ScorecardHistoryPoint[]> {
    const departed = await this.db('governance_departures')
      .where('entity_ref', entityRef)
      .first();
    if (departed) return [];
    const rows = await this.db('governance_history')
      .where('entity_ref', entityRef)
      .whereBetween('evaluated_at', [from, to])
      .orderBy('evaluated_at')
      .select('evaluated_at', 'score', 'level', 'failing');
    return rows.map(row => ({
      evaluatedAt: iso(row.evaluated_at),
      score: row.score,
      level: row.level,
      failing: row.failing,
    }));
  }

  /**
   * The mesh's average score and levels after each evaluation from `from`
   * to `to`, oldest first, after the one in force at `from`, if any: it
   * holds into the window (a steady mesh is saved only hourly). A point of
   * no products is the mesh emptied (or, stored by older versions, a pass
   * before the catalog was read): it has no score (see bucketTrend).
   */
  async trend(from: number, to: number): Promise<MeshEvaluation[]> {
    const [inForce, rows] = await Promise.all([
      this.db('governance_trend')
        .where('evaluated_at', '<', from)
        .orderBy('evaluated_at', 'desc')
        .first(),
      this.db('governance_trend')
        .whereBetween('evaluated_at', [from, to])
        .orderBy('evaluated_at'),
    ]);
    return [...(inForce ? [inForce] : []), ...rows].map(row => ({
      evaluatedAt: iso(row.evaluated_at),
      averageScore: row.average_score,
      products: row.products,
      levels: JSON.parse(row.levels),
    }));
  }
}

function toScorecard(row: Row): StoredScorecard {
  return {
    entityRef: row.entity_ref,
    domain: row.domain,
    owner: row.owner,
    score: row.score,
    level: row.level as Level,
    checks: JSON.parse(row.checks),
    evaluatedAt: iso(row.evaluated_at),
    sourceHash: row.source_hash ?? '',
    ...problemsOf(row),
  };
}

/** A row's problems, as a scorecard has them: absent when none. */
function problemsOf(row: Pick<Row, 'problems'>): { problems?: string[] } {
  return row.problems ? { problems: JSON.parse(row.problems) } : {};
}

/**
 * What each check decided, as text to compare: not its message, which may
 * say how long ago something happened and so differ on every pass.
 */
function verdictsOf(checks: string): string {
  return JSON.stringify(
    (JSON.parse(checks) as ScorecardCheck[]).map(({ id, severity, status }) => [
      id,
      severity,
      status,
    ]),
  );
}
