import { stringifyEntityRef } from '@backstage/catalog-model';
import { DataProductEntityV1alpha1 } from '@meshwork/plugin-data-products-common';
import type { RuntimeProductMatch } from '@meshwork/plugin-lineage-common';
import { groupBy } from '../../groupBy';
import { namedKey } from '../../store/facetValues';
import { LineageReader } from '../../store/LineageReader';
import { ProductMeasurements } from '../../store/ProductMeasurements';

type PortOwner = { entityRef: string; port: string };

/**
 * Finds data products by what runs for them: a job writing an output port
 * belongs to the port's product, as does its DAG, and any table it writes
 * that no product declares (a staging table, say). A job or table that
 * leads to no port so leads, as `upstream`, to the ports it feeds (an
 * extract task, its staging table, a source table). A job that writes
 * nothing (a quality check) leads, as `reads`, to the ports it reads.
 * A port's own table is its product's alone, written by a job or not.
 * On-call often knows only the failing job or table.
 */
export class RuntimeProductFinder {
  constructor(
    private readonly options: {
      loadProducts: () => Promise<DataProductEntityV1alpha1[]>;
      reader: LineageReader;
      measurements: ProductMeasurements;
    },
  ) {}

  /**
   * The products of the jobs and datasets (up to `limit` of each that lead
   * to a product, within `namespace` if given) whose name or namespace holds
   * `term`; those named `term` first. `partial` when a cap of the search
   * left out some that might lead to more (see LineageReader.searchWrites).
   */
  async find(
    term: string,
    options: {
      limit: number;
      namespace?: string;
      /** The products to find, those the caller may read; default all. */
      canRead?: (entityRef: string) => boolean;
    },
  ): Promise<{ items: RuntimeProductMatch[]; partial: boolean }> {
    const { canRead = () => true, ...search } = options;
    const allOwners = await this.portOwners(await this.options.loadProducts());
    // Before the search's limit: what leads only elsewhere takes no place.
    // (Narrowed after the shared read, which is kept per product list.)
    const ownersById = new Map<number, PortOwner[]>();
    for (const [id, owners] of allOwners) {
      const readable = owners.filter(owner => canRead(owner.entityRef));
      if (readable.length) ownersById.set(id, readable);
    }
    // No port seen at runtime yet: nothing found could lead to a product.
    if (ownersById.size === 0) return { items: [], partial: false };
    const within = { ...search, outputsIn: [...ownersById.keys()] };
    const [jobs, datasets] = await Promise.all([
      this.options.reader.searchWrites('job', term, within),
      this.options.reader.searchWrites('dataset', term, within),
    ]);
    const lowerTerm = term.toLocaleLowerCase('en-US');
    const matches: RuntimeProductMatch[] = [];
    const seen = new Set<string>();
    for (const [type, nodes] of [
      ['job', jobs.items],
      ['dataset', datasets.items],
    ] as const) {
      for (const node of nodes) {
        for (const { job, datasetId, upstream, reads } of node.writes) {
          for (const { entityRef, port } of ownersById.get(datasetId) ?? []) {
            const key = [entityRef, port, type, node.namespace, node.name];
            const seenKey = key.join('\u0000');
            if (seen.has(seenKey)) continue;
            seen.add(seenKey);
            matches.push({
              entityRef,
              port,
              via: { type, namespace: node.namespace, name: node.name },
              ...(job ? { job } : {}),
              exact: node.name.toLocaleLowerCase('en-US') === lowerTerm,
              ...(upstream ? { upstream } : {}),
              ...(reads ? { reads } : {}),
            });
          }
        }
      }
    }
    // Stable: jobs before datasets, each in the order found; a port's own
    // writers and tables before what feeds them.
    matches.sort(
      (a, b) =>
        Number(b.exact) - Number(a.exact) ||
        Number(Boolean(a.upstream)) - Number(Boolean(b.upstream)),
    );
    return { items: matches, partial: jobs.partial || datasets.partial };
  }

  private owners?: {
    products: DataProductEntityV1alpha1[];
    byDatasetId: Promise<Map<number, PortOwner[]>>;
  };

  /**
   * The products' ports by their datasets' ids, read again only for a new
   * product list (the product cache reads one every 15 s or so): a port's
   * dataset first seen meanwhile is found from the next list on.
   */
  private portOwners(products: DataProductEntityV1alpha1[]) {
    if (this.owners?.products !== products) {
      const byDatasetId = this.readPortOwners(products);
      const owners = { products, byDatasetId };
      this.owners = owners;
      // A failed read is not kept.
      byDatasetId.catch(() => {
        if (this.owners === owners) this.owners = undefined;
      });
    }
    return this.owners.byDatasetId;
  }

  private async readPortOwners(products: DataProductEntityV1alpha1[]) {
    const ports = products.flatMap(product =>
      (product.spec.outputPorts ?? []).map(port => ({
        dataset: port.dataset,
        owner: { entityRef: stringifyEntityRef(product), port: port.name },
      })),
    );
    const datasets = ports.map(port => port.dataset);
    const named = await this.options.measurements.namedDatasetIds(datasets);
    const ids = await this.options.measurements.datasetIds(datasets, named);
    // A port's table known by its name is the port too, though its files,
    // which a symlink names so, are what jobs write (see datasetIds).
    const stored = ports.flatMap(({ dataset, owner }) => {
      const key = namedKey(dataset);
      return [...new Set([ids.get(key), named.get(key)])].flatMap(id =>
        id === undefined ? [] : [{ id, owner }],
      );
    });
    return groupBy(
      stored,
      port => port.id,
      port => port.owner,
    );
  }
}
