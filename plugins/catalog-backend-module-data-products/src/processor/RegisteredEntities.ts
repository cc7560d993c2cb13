import { DatabaseService } from '@backstage/backend-plugin-api';
import { ReferencedEntity } from '@meshwork/plugin-data-products-common';
import { Knex } from 'knex';
import {
  refreshStateWithServed,
  servedOrQueuedEntity,
} from './servedOrQueuedEntity';

/**
 * The entities the catalog has registered, whether or not they have been
 * processed yet. Reference checks look here rather than at the catalog API so
 * that a product whose upstream is still waiting in the processing queue is
 * not rejected, which would delay every chain of products by one processing
 * round per link. Reads the catalog's own refresh_state table, as Backstage's
 * unprocessed-entities module does.
 *
 * A product's ports are those of the version the catalog serves, once it
 * serves one (see servedOrQueuedEntity): a version the catalog refused must
 * not let a reader name a port the served product lacks, nor take away one
 * it has, or the catalog would accept what governance, reading the served
 * products, then fails.
 */
export class RegisteredEntities {
  private client?: Promise<Knex>;

  constructor(private readonly database: DatabaseService) {}

  /** What is registered under each of the given normalized entity refs. */
  async lookup(refs: string[]): Promise<Map<string, ReferencedEntity>> {
    const knex = await (this.client ??= this.database.getClient());
    const rows: Array<{ entity_ref: string; entity: string | null }> =
      await refreshStateWithServed(knex)
        .whereIn('refresh_state.entity_ref', [...new Set(refs)])
        .select('refresh_state.entity_ref', servedOrQueuedEntity(knex));
    return new Map(rows.map(row => [row.entity_ref, describe(row.entity)]));
  }
}

/**
 * Registered, so referring to it is no mistake; with no ports to trust when
 * the catalog refused every version of it so far.
 */
function describe(json: string | null): ReferencedEntity {
  if (json === null) {
    return {};
  }
  try {
    const entity = JSON.parse(json);
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
