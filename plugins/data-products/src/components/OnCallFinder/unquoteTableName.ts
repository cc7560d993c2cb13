/** A name quoted whole, part by part or at once; in `chef's orders` a quote is text. */
const QUOTED_NAME =
  /^(?:(?:"[^"]*"|'[^']*'|`[^`]*`|\[[^\]]*\]|[\w$-]+)(?:[.:]|$))+$/;

/** Whether the text is a name quoted whole, part by part or at once. */
export function isQuotedName(text: string): boolean {
  return QUOTED_NAME.test(text);
}

/** BigQuery's project:dataset.table; nothing with more colons (a node id). */
const BIGQUERY_NAME = /^[\w-]+:[\w.-]+$/;

/**
 * A table name as engines quote it in their errors, read as the catalog
 * names it: Snowflake's and Postgres' `"ANALYTICS"."ORDERS"`, a quoted
 * `'analytics.orders'`, BigQuery's `` `proj.ds.t` `` and `proj:ds.t`, SQL
 * Server's `[dbo].[orders]`. Anything with `://` (a URI, a namespace) is
 * left as it is.
 */
export function unquoteTableName(text: string): string {
  if (text.includes('://')) return text;
  const unquoted = QUOTED_NAME.test(text)
    ? text.replace(/["'`[\]]/g, '')
    : text;
  return BIGQUERY_NAME.test(unquoted) ? unquoted.replace(':', '.') : unquoted;
}
