/**
 * A table name as engines quote it in their errors, read as the catalog
 * names it: Snowflake's and Postgres' `"ANALYTICS"."ORDERS"`, a quoted
 * `'analytics.orders'`, BigQuery's `` `proj.ds.t` `` and `proj:ds.t`, SQL
 * Server's `[dbo].[orders]`. Anything with `://` (a URI, a namespace) is
 * left as it is.
 */
export function unquoteTableName(text: string): string {
  if (text.includes('://')) return text;
  const unquoted = text.replace(/["'`[\]]/g, '');
  // BigQuery's project:dataset.table, and nothing with more colons.
  return /^[\w-]+:[\w.-]+$/.test(unquoted)
    ? unquoted.replace(':', '.')
    : unquoted;
}
