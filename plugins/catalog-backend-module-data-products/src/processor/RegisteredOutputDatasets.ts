import { DatabaseService } from '@backstage/backend-plugin-api';
import { DatasetIdentity } from '@meshwork/plugin-data-products-common';
import { Knex } from 'knex';

/** How long one reading of the registered products' ports is trusted. */
const DEFAULT_MAX_AGE_MS = 10_000;

/**
 * The registered DataProducts declaring each dataset as an output port, so
 * that an input port naming a dataset relates its product to the products
 * writing it. Read from the catalog's refresh_state table, as
 * RegisteredEntities is and for the same reason: products still in the
 * processing queue count. The catalog's search table would not do: it holds
 * only stitched entities, flattens the ports so that one port's namespace
 * cannot be told from another's, and drops values over 200 characters.
 *
 * The processor asks once per product on every processing round, so all
 * products' ports are read at once and kept for a few seconds: a product
 * registered since is related at its reader's next round after that.
 */
export class RegisteredOutputDatasets {
  private client?: Promise<Knex>;
  private index?: { readAt: number; owners: Promise<Map<string, string[]>> };

  constructor(
    private readonly database: DatabaseService,
    private readonly options: { maxAgeMs?: number } = {},
  ) {}

  /**
   * The normalized refs of the products whose output ports declare each of
   * `datasets`, in the same order. Namespace and name are compared as
   * written, as lineage reports and matches them.
   */
  async ownersOf(datasets: DatasetIdentity[]): Promise<string[][]> {
    const owners = await this.owners();
    return datasets.map(dataset => owners.get(datasetKey(dataset)) ?? []);
  }

  private owners(): Promise<Map<string, string[]>> {
    const now = Date.now();
    const maxAge = this.options.maxAgeMs ?? DEFAULT_MAX_AGE_MS;
    if (!this.index || now - this.index.readAt > maxAge) {
      const owners = this.read();
      const index = { readAt: now, owners };
      this.index = index;
      // A failed read is not kept: the next product asks again.
      owners.catch(() => {
        if (this.index === index) this.index = undefined;
      });
    }
    return this.index.owners;
  }

  private async read(): Promise<Map<string, string[]>> {
    const knex = await (this.client ??= this.database.getClient());
    // Entity refs in refresh_state are lowercase.
    const rows: Array<{ entity_ref: string; unprocessed_entity: string }> =
      await knex('refresh_state')
        .where('entity_ref', 'like', 'dataproduct:%')
        .select('entity_ref', 'unprocessed_entity');
    const owners = new Map<string, string[]>();
    for (const row of rows) {
      for (const dataset of outputDatasetsOf(row.unprocessed_entity)) {
        const key = datasetKey(dataset);
        const refs = owners.get(key) ?? [];
        if (!refs.includes(row.entity_ref)) refs.push(row.entity_ref);
        owners.set(key, refs);
      }
    }
    return owners;
  }
}

function datasetKey({ namespace, name }: DatasetIdentity): string {
  return `${namespace}\u0000${name}`;
}

/** The output datasets an entity as registered declares; none if unreadable. */
function outputDatasetsOf(unprocessedEntity: string): DatasetIdentity[] {
  let ports: unknown;
  try {
    ports = JSON.parse(unprocessedEntity)?.spec?.outputPorts;
  } catch {
    return [];
  }
  if (!Array.isArray(ports)) return [];
  return ports.flatMap((port: { dataset?: Partial<DatasetIdentity> }) => {
    const namespace = port?.dataset?.namespace;
    const name = port?.dataset?.name;
    return typeof namespace === 'string' && typeof name === 'string'
      ? [{ namespace, name }]
      : [];
  });
}
