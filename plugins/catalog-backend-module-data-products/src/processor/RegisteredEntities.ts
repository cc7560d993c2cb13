import { DatabaseService } from '@backstage/backend-plugin-api';
import { ReferencedEntity } from '@meshwork/plugin-data-products-common';
import { Knex } from 'knex';

/**
 * The entities the catalog has registered, whether or not they have been
 * processed yet. Reference checks look here rather than at the catalog API so
 * that a product whose upstream is still waiting in the processing queue is
 * not rejected, which would delay every chain of products by one processing
 * round per link. Reads the catalog's own refresh_state table, as Backstage's
 * unprocessed-entities module does.
 */
export class RegisteredEntities {
  private client?: Promise<Knex>;

  constructor(private readonly database: DatabaseService) {}

  /** What is registered under each of the given normalized entity refs. */
  async lookup(refs: string[]): Promise<Map<string, ReferencedEntity>> {
    const knex = await (this.client ??= this.database.getClient());
    const rows: Array<{ entity_ref: string; unprocessed_entity: string }> =
      await knex('refresh_state')
        .whereIn('entity_ref', [...new Set(refs)])
        .select('entity_ref', 'unprocessed_entity');
    return new Map(
      rows.map(row => [row.entity_ref, describe(row.unprocessed_entity)]),
    );
  }
}

function describe(unprocessedEntity: string): ReferencedEntity {
  try {
    const entity = JSON.parse(unprocessedEntity);
    if (entity?.kind?.toLocaleLowerCase('en-US') !== 'dataproduct') {
      return {};
    }
    const ports = entity.spec?.outputPorts;
    return Array.isArray(ports)
      ? {
          outputPorts: ports.flatMap((port: { name?: unknown }) =>
            typeof port?.name === 'string' ? [port.name] : [],
          ),
        }
      : {};
  } catch {
    return {};
  }
}
