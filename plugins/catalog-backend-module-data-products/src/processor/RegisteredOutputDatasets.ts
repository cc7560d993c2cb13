import { DatabaseService } from '@backstage/backend-plugin-api';
import {
  DatasetIdentity,
  datasetSpellingKey,
} from '@meshwork/plugin-data-products-common';
import { Knex } from 'knex';
import {
  refreshStateWithServed,
  servedOrQueuedEntity,
  servedOrQueuedVersion,
} from './servedOrQueuedEntity';

/** How long one reading of the registered products' ports is trusted. */
const DEFAULT_MAX_AGE_MS = 10_000;

/** How many changed products' JSON one query reads, within SQL's limits. */
const READ_BATCH = 500;

/**
 * The registered DataProducts declaring each dataset as an output port, so
 * that an input port naming a dataset relates its product to the products
 * writing it. Read from the catalog's refresh_state table, as
 * RegisteredEntities is and for the same reason: products still in the
 * processing queue count. Once the catalog serves a product, its ports are
 * those of the served version (see servedOrQueuedEntity): a version the
 * catalog refused neither relates readers to it through a dataset it does
 * not serve, nor unrelates readers of one it does. The catalog's search
 * table would not do: it flattens the ports so that one port's namespace
 * cannot be told from another's, and drops values over 200 characters.
 *
 * The processor asks once per product on every processing round, so all
 * products' ports are read at once and kept for a few seconds: a product
 * registered since is related at its reader's next round after that. Each
 * reading fetches only the hashes the catalog keeps of the products'
 * versions, and parses again only the products whose version changed.
 */
export class RegisteredOutputDatasets {
  private client?: Promise<Knex>;
  private index?: { readAt: number; owners: Promise<Map<string, string[]>> };
  /** Each product's output datasets as last parsed, with its version then. */
  private readonly parsed = new Map<
    string,
    { version: string | null; datasets: DatasetIdentity[] }
  >();

  constructor(
    private readonly database: DatabaseService,
    private readonly options: { maxAgeMs?: number } = {},
  ) {}

  /**
   * The normalized refs of the products whose output ports declare each of
   * `datasets`, in the same order. Namespaces are compared as search reads
   * them (searchNamespace), so that `postgres://db` finds a port declaring
   * `postgres://db:5432`; names as written, as lineage matches them.
   */
  async ownersOf(datasets: DatasetIdentity[]): Promise<string[][]> {
    const owners = await this.owners();
    return datasets.map(
      dataset => owners.get(datasetSpellingKey(dataset)) ?? [],
    );
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
    const rows: Array<{
      entity_ref: string;
      source: 'served' | 'queued' | 'refused';
      version_hash: string | null;
    }> = await refreshStateWithServed(knex)
      .where('refresh_state.entity_ref', 'like', 'dataproduct:%')
      .select('refresh_state.entity_ref', ...servedOrQueuedVersion(knex));
    const versions = new Map(
      rows.map(row => [
        row.entity_ref,
        // A version without a hash is parsed on every reading.
        row.version_hash === null ? null : `${row.source}:${row.version_hash}`,
      ]),
    );
    for (const ref of [...this.parsed.keys()]) {
      if (!versions.has(ref)) this.parsed.delete(ref);
    }
    const changed: string[] = [];
    for (const row of rows) {
      const version = versions.get(row.entity_ref) ?? null;
      if (row.source === 'refused') {
        // Nothing to read: the catalog has accepted no version of it.
        this.parsed.set(row.entity_ref, { version, datasets: [] });
      } else if (
        version === null ||
        this.parsed.get(row.entity_ref)?.version !== version
      ) {
        changed.push(row.entity_ref);
      }
    }
    for (let i = 0; i < changed.length; i += READ_BATCH) {
      const entities: Array<{ entity_ref: string; entity: string | null }> =
        await refreshStateWithServed(knex)
          .whereIn('refresh_state.entity_ref', changed.slice(i, i + READ_BATCH))
          .select('refresh_state.entity_ref', servedOrQueuedEntity(knex));
      for (const entity of entities) {
        this.parsed.set(entity.entity_ref, {
          // The version read before the JSON: if the product changed between
          // the two, the next reading sees a new version and parses it again.
          version: versions.get(entity.entity_ref) ?? null,
          datasets: outputDatasetsOf(entity.entity),
        });
      }
    }
    const owners = new Map<string, string[]>();
    for (const [ref, { datasets }] of this.parsed) {
      for (const dataset of datasets) {
        const key = datasetSpellingKey(dataset);
        const refs = owners.get(key) ?? [];
        if (!refs.includes(ref)) refs.push(ref);
        owners.set(key, refs);
      }
    }
    return owners;
  }
}

/** The output datasets an entity's JSON declares; none if unreadable. */
function outputDatasetsOf(json: string | null): DatasetIdentity[] {
  if (json === null) {
    return [];
  }
  let ports: unknown;
  try {
    ports = JSON.parse(json)?.spec?.outputPorts;
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
