import { Entity } from '@backstage/catalog-model';
import { catalogPolicyProblem } from '@meshwork/plugin-data-products-common';

/** `"tags.0" is not valid; expected …`, of FieldFormatEntityPolicy. */
const FIELD_FORMAT = /^"([^"]+)" is not valid; ?(.*)$/s;

/** Fields of metadata that FieldFormatEntityPolicy names without it. */
const METADATA_FIELD = /^(labels|annotations|tags|links)\./;

/**
 * Why Backstage's catalog would refuse this entity, in the form
 * `entity.<field>: <why>` the dry run's other problems take, or undefined
 * if it would not: a product it refuses never gets scored.
 */
export async function catalogEntityProblem(
  entity: Entity,
): Promise<string | undefined> {
  const message = await catalogPolicyProblem(entity);
  if (message === undefined) return undefined;
  const field = FIELD_FORMAT.exec(message);
  if (!field) return `entity: ${message}`;
  const path = field[1].replace(METADATA_FIELD, 'metadata.$1.');
  return `entity.${path}: ${field[2]}`;
}
