import { Knex } from 'knex';
import { isPostgres } from './tables';
import { UNICODE_LOWER, withUnicodeLower } from './withUnicodeLower';

/**
 * Matching a text in a column, whatever the case: `contains` adds a
 * column holding it to a query's alternatives, `holds` is SQL true where
 * a column holds it, `endsWith` where a column ends with `before` and
 * it, `equals` where a column is it (or one of `compared`), and `run`
 * runs the query.
 */
export function containing(db: Knex, term: string, ...compared: string[]) {
  // The term is text to find, not a pattern: its % and _ match themselves.
  const escaped = term.replace(/[\\%_]/g, c => `\\${c}`);
  // SQLite's like and lower fold ASCII letters only; other letters are
  // compared lowercased, by a function of this process.
  const unicode =
    !isPostgres(db) &&
    [term, ...compared].some(text => /[\u0080-\uffff]/.test(text));
  const found = unicode ? escaped.toLowerCase() : escaped;
  const like = isPostgres(db)
    ? `?? ilike ? escape '\\'`
    : `${unicode ? `${UNICODE_LOWER}(??)` : '??'} like ? escape '\\'`;
  return {
    contains: (builder: Knex.QueryBuilder, column: string) =>
      builder.orWhereRaw(like, [column, `%${found}%`]),
    holds: (column: string) => db.raw(like, [column, `%${found}%`]),
    endsWith: (column: string, before: string) =>
      db.raw(like, [column, `%${before}${found}`]),
    equals: (column: string, text = term) =>
      unicode
        ? db.raw(`${UNICODE_LOWER}(??) = ?`, [column, text.toLowerCase()])
        : db.raw('lower(??) = lower(?)', [column, text]),
    run: async (query: Knex.QueryBuilder): Promise<any[]> =>
      unicode ? withUnicodeLower(db, query) : query,
  };
}
