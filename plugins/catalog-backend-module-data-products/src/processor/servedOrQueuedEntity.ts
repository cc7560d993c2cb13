import { Knex } from 'knex';

/**
 * A refresh_state row's errors when its last processing had none (`[]`) or
 * it has not been processed yet (`''`, as Backstage inserts new rows).
 */
const NO_ERRORS = ['', '[]'];

const SERVED = 'final_entities.final_entity IS NOT NULL';
const QUEUED = 'refresh_state.errors IN (?, ?)';

/**
 * refresh_state joined to the entity the catalog serves, by entity_id (the
 * primary key of both tables), to select the columns below from.
 */
export function refreshStateWithServed(knex: Knex): Knex.QueryBuilder {
  return knex('refresh_state').leftJoin(
    'final_entities',
    'final_entities.entity_id',
    'refresh_state.entity_id',
  );
}

/**
 * The version of a registered entity other entities are judged against, as
 * JSON in column `entity`: the one the catalog serves; or, until it serves
 * one, the one read from its file, so that an entity still waiting in the
 * processing queue counts. Never a version the catalog refused: the catalog
 * goes on serving the last version it accepted, and its readers (governance,
 * lineage) see only that one. NULL when every version so far was refused.
 */
export function servedOrQueuedEntity(knex: Knex): Knex.Raw {
  return knex.raw(
    `CASE WHEN ${SERVED} THEN final_entities.final_entity WHEN ${QUEUED} THEN refresh_state.unprocessed_entity END AS entity`,
    NO_ERRORS,
  );
}

/**
 * What identifies the version `servedOrQueuedEntity` picks, without reading
 * it: `source` ('served', 'queued' or, when every version so far was
 * refused, 'refused') and `version_hash`, the catalog's hash of that version
 * (NULL for one not hashed yet).
 */
export function servedOrQueuedVersion(knex: Knex): Knex.Raw[] {
  return [
    knex.raw(
      `CASE WHEN ${SERVED} THEN 'served' WHEN ${QUEUED} THEN 'queued' ELSE 'refused' END AS source`,
      NO_ERRORS,
    ),
    knex.raw(
      `CASE WHEN ${SERVED} THEN final_entities.hash ELSE refresh_state.unprocessed_hash END AS version_hash`,
    ),
  ];
}
