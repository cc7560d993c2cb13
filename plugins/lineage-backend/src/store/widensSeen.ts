/** Updates a first/last-seen row only if the incoming one widens it. */
export const WIDENS_SEEN = (table: string) =>
  `excluded.first_seen < ${table}.first_seen or excluded.last_seen > ${table}.last_seen`;
