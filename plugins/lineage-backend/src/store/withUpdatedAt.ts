import { Knex } from 'knex';
import { FACET_TIMES_TABLES, FacetTable } from './tables';

/**
 * Datasets or jobs as `t`, selecting each one's `updated_at` from its facet
 * times row; one never given a facet was last updated when created.
 */
export function withUpdatedAt(db: Knex, table: FacetTable) {
  return db(`${table} as t`)
    .leftJoin(`${FACET_TIMES_TABLES[table]} as ft`, 'ft.id', 't.id')
    .select(db.raw('coalesce(ft.updated_at, t.created_at) as updated_at'));
}
