import { Knex } from 'knex';

/**
 * Rows past a page's last row, keyed by a time and an id that orders rows of
 * the same time: `<` for pages newest first, `>` for oldest first.
 */
export function pastKey(
  direction: '<' | '>',
  [timeColumn, time]: [string, number],
  [idColumn, id]: [string, number | string],
) {
  // The bound on the time alone lets the database start from the cursor in
  // its (time, id) index; the alternatives alone would read every row
  // before it, making each page slower than the last.
  return (builder: Knex.QueryBuilder) =>
    builder
      .where(timeColumn, `${direction}=`, time)
      .where(past =>
        past
          .where(timeColumn, direction, time)
          .orWhere(sameTime =>
            sameTime.where(timeColumn, time).where(idColumn, direction, id),
          ),
      );
}
