import { resolvePackagePath } from '@backstage/backend-plugin-api';
import {
  type Level,
  levels,
  type Scorecard,
  type ScorecardCheck,
} from '@meshwork/plugin-governance-common';
import { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@meshwork/plugin-governance-backend',
  'migrations',
);

/** A history point is written when a scorecard changes, and at least this often. */
const HISTORY_INTERVAL_MS = 60 * 60 * 1000;

/** A stored scorecard, with the product's domain and owner for rollups. */
export type StoredScorecard = Scorecard & { domain: string; owner: string };

export type ScorecardSummary = {
  entityRef: string;
  domain: string;
  owner: string;
  score: number;
  level: Level;
  failing: number;
  evaluatedAt: string;
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
};

const failingOf = (checks: ScorecardCheck[]) =>
  checks.filter(c => c.status === 'fail').length;

/** Latest scorecards and their history, on SQLite or Postgres. */
export class ScorecardStore {
  static async create(
    db: Knex,
    options: { skipMigrations?: boolean } = {},
  ): Promise<ScorecardStore> {
    if (!options.skipMigrations) {
      await db.migrate.latest({ directory: migrationsDir });
    }
    return new ScorecardStore(db);
  }

  private constructor(private readonly db: Knex) {}

  /**
   * Replaces the latest scorecards with these, drops those of products no
   * longer evaluated, and adds a history point for each scorecard that
   * changed or whose last point is an hour old.
   */
  async replaceAll(scorecards: StoredScorecard[], now: number): Promise<void> {
    await this.db.transaction(async tx => {
      const previous = new Map<string, Row>(
        (await tx<Row>('governance_scorecards').select()).map(row => [
          row.entity_ref,
          row,
        ]),
      );
      const lastPoints = new Map<string, number>(
        (
          (await tx('governance_history')
            .groupBy('entity_ref')
            .select('entity_ref')
            .max({ at: 'evaluated_at' })) as Array<{
            entity_ref: string;
            at: number | string;
          }>
        ).map(row => [String(row.entity_ref), Number(row.at)]),
      );
      const rows: Row[] = scorecards.map(card => ({
        entity_ref: card.entityRef,
        domain: card.domain,
        owner: card.owner,
        score: card.score,
        level: card.level,
        failing: failingOf(card.checks),
        checks: JSON.stringify(card.checks),
        evaluated_at: now,
      }));
      const history = rows
        .filter(row => {
          const before = previous.get(row.entity_ref);
          const changed =
            !before ||
            before.score !== row.score ||
            before.level !== row.level ||
            before.checks !== row.checks;
          const last = lastPoints.get(row.entity_ref) ?? 0;
          return changed || now - last >= HISTORY_INTERVAL_MS;
        })
        .map(row => ({
          entity_ref: row.entity_ref,
          score: row.score,
          level: row.level,
          failing: row.failing,
          evaluated_at: now,
        }));
      const current = new Set(rows.map(row => row.entity_ref));
      const gone = [...previous.keys()].filter(ref => !current.has(ref));
      for (let i = 0; i < gone.length; i += 500) {
        await tx('governance_scorecards')
          .whereIn('entity_ref', gone.slice(i, i + 500))
          .delete();
      }
      for (let i = 0; i < rows.length; i += 100) {
        await tx('governance_scorecards')
          .insert(rows.slice(i, i + 100))
          .onConflict('entity_ref')
          .merge();
      }
      for (let i = 0; i < history.length; i += 200) {
        await tx('governance_history').insert(history.slice(i, i + 200));
      }
      const trend = {
        average_score: rows.length
          ? Math.round(rows.reduce((sum, r) => sum + r.score, 0) / rows.length)
          : 0,
        products: rows.length,
        levels: JSON.stringify(
          Object.fromEntries(
            levels.map(level => [
              level,
              rows.filter(r => r.level === level).length,
            ]),
          ),
        ),
      };
      const lastTrend = await tx('governance_trend')
        .orderBy('evaluated_at', 'desc')
        .first();
      if (
        !lastTrend ||
        lastTrend.average_score !== trend.average_score ||
        lastTrend.products !== trend.products ||
        lastTrend.levels !== trend.levels ||
        now - Number(lastTrend.evaluated_at) >= HISTORY_INTERVAL_MS
      ) {
        await tx('governance_trend').insert({ evaluated_at: now, ...trend });
      }
    });
  }

  async list(
    filter: { level?: string; domain?: string; owner?: string } = {},
  ): Promise<ScorecardSummary[]> {
    const rows = await this.db<Row>('governance_scorecards')
      .where(builder => {
        if (filter.level) builder.where('level', filter.level);
        if (filter.domain) builder.where('domain', filter.domain);
        if (filter.owner) builder.where('owner', filter.owner);
      })
      .orderBy('entity_ref')
      .select(
        'entity_ref',
        'domain',
        'owner',
        'score',
        'level',
        'failing',
        'evaluated_at',
      );
    return rows.map(row => ({
      entityRef: row.entity_ref,
      domain: row.domain,
      owner: row.owner,
      score: row.score,
      level: row.level as Level,
      failing: row.failing,
      evaluatedAt: new Date(Number(row.evaluated_at)).toISOString(),
    }));
  }

  async all(): Promise<StoredScorecard[]> {
    const rows = await this.db<Row>('governance_scorecards').select();
    return rows.map(toScorecard);
  }

  async get(entityRef: string): Promise<StoredScorecard | undefined> {
    const row = await this.db<Row>('governance_scorecards')
      .where('entity_ref', entityRef)
      .first();
    return row && toScorecard(row);
  }

  /** A product's scores over time. */
  async history(
    entityRef: string,
    from: number,
    to: number,
  ): Promise<Array<{ evaluatedAt: string; score: number; level: Level }>> {
    const rows = await this.db('governance_history')
      .where('entity_ref', entityRef)
      .whereBetween('evaluated_at', [from, to])
      .orderBy('evaluated_at')
      .select('evaluated_at', 'score', 'level');
    return rows.map(row => ({
      evaluatedAt: new Date(Number(row.evaluated_at)).toISOString(),
      score: row.score,
      level: row.level,
    }));
  }

  /** The mesh's average score and levels over time. */
  async trend(
    from: number,
    to: number,
  ): Promise<
    Array<{
      evaluatedAt: string;
      averageScore: number;
      products: number;
      levels: Record<Level, number>;
    }>
  > {
    const rows = await this.db('governance_trend')
      .whereBetween('evaluated_at', [from, to])
      .orderBy('evaluated_at');
    return rows.map(row => ({
      evaluatedAt: new Date(Number(row.evaluated_at)).toISOString(),
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
    evaluatedAt: new Date(Number(row.evaluated_at)).toISOString(),
  };
}
