import { Knex } from 'knex';
import { isPostgres } from './tables';

/**
 * An ORDER BY term for a text column (a known identifier, not user input)
 * in byte order on both databases, as SQLite's BINARY collation has it:
 * Postgres otherwise sorts by the database's collation, which under an
 * ICU or en_US locale ignores punctuation and case at first, so that ties
 * broken before a LIMIT would pick other rows than on SQLite (as
 * conflictMerge compares text with `collate "C"`).
 */
export function byteOrder(db: Knex, column: string) {
  const quoted = column
    .split('.')
    .map(part => `"${part}"`)
    .join('.');
  return isPostgres(db) ? `${quoted} collate "C"` : quoted;
}
