import { Knex } from 'knex';
import { isPostgres } from './tables';
import { postgresUpserts, upsertRows, UpsertRowsOptions } from './upsertRows';

/** Postgres takes at most 65,535 parameters per statement. */
const MAX_PARAMETERS = 30_000;

/**
 * Writes of a transaction that nothing later in it reads. On Postgres they
 * are held and sent as one statement (each one a data-modifying WITH
 * clause) on `flush`: one round trip for all the tables a batch touches
 * instead of one each, which is most of the cost of a small transaction.
 * They run in no set order, so no two may touch the same row. On SQLite,
 * which runs in this process, each is written at once.
 */
export class DeferredWrites {
  private statements: Knex.Raw[] = [];
  private parameters = 0;

  constructor(readonly tx: Knex.Transaction) {}

  async upsert(options: Omit<UpsertRowsOptions, 'returning'>): Promise<void> {
    if (!isPostgres(this.tx)) {
      await upsertRows(this.tx, options);
      return;
    }
    if (options.rows.length === 0) return;
    for (const statement of postgresUpserts(this.tx, options)) {
      await this.hold(statement);
    }
  }

  async raw(sql: string, bindings: readonly Knex.RawBinding[]): Promise<void> {
    if (!isPostgres(this.tx)) {
      await this.tx.raw(sql, bindings);
      return;
    }
    await this.hold(this.tx.raw(sql, bindings));
  }

  async query(builder: Knex.QueryBuilder): Promise<void> {
    if (!isPostgres(this.tx)) {
      await builder;
      return;
    }
    const { sql, bindings } = builder.toSQL();
    await this.hold(this.tx.raw(sql, bindings));
  }

  /** Sends what is held. */
  async flush(): Promise<void> {
    const statements = this.statements;
    if (statements.length === 0) return;
    this.statements = [];
    this.parameters = 0;
    if (statements.length === 1) {
      await statements[0];
      return;
    }
    const clauses = statements.map((_, i) => `w${i} as (?)`).join(', ');
    await this.tx.raw(`with ${clauses} select 1`, statements);
  }

  private async hold(statement: Knex.Raw) {
    const count = statement.toSQL().bindings.length;
    if (this.parameters + count > MAX_PARAMETERS) {
      await this.flush();
    }
    this.statements.push(statement);
    this.parameters += count;
  }
}
