import { groupBy } from '@meshwork/plugin-lineage-common';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  DataProductEntityV1alpha1,
  declaredJobsOf,
  searchNamespace,
  searchNamespaceSpellings,
} from '@meshwork/plugin-data-products-common';
import type { RuntimeProductMatch } from '@meshwork/plugin-lineage-common';
import { Named, namedKey } from '../../store/facetValues';
import { LineageReader } from '../../store/LineageReader';
import { ProductMeasurements } from '../../store/ProductMeasurements';
import { readPerProductList } from './readPerProductList';

type PortOwner = { entityRef: string; port: string };
/**
 * A job a product names (or a child of one), the tables it writes now, and
 * the products naming it.
 */
type DeclaredJobOwners = Named & {
  outputs: Array<Named & { id: number }>;
  owners: Array<{ entityRef: string; declared: Named }>;
};

/**
 * Finds data products by what runs for them: a job writing an output port
 * belongs to the port's product, as does its DAG, and any table it writes
 * that no product declares (a staging table, say). A job or table that
 * leads to no port so leads, as `upstream`, to the ports it feeds (an
 * extract task, its staging table, a source table). A job that writes
 * nothing (a quality check) leads, as `reads`, to the ports it reads.
 * A port's own table is its product's alone, written by a job or not. A
 * job a product names in its annotation, each child job of it, and each
 * table these write that is no port, lead to that product, as `declared`.
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
   * to a product, within `namespace` if given, in any spelling search reads
   * alike: `postgres://host` and `postgres://host:5432`, say) whose name or
   * namespace holds `term`; those named `term` first. `partial` when a cap
   * of the search left out some that might lead to more (see
   * LineageReader.searchWrites).
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
    const { canRead = () => true, limit, namespace } = options;
    const products = await this.options.loadProducts();
    const allOwners = await this.portOwners(products);
    const declared = this.declaredMatches(
      await this.declaredJobs(products),
      term,
      options,
      canRead,
      // A port's own table is its product's alone, whoever writes it.
      id => allOwners.has(id),
    );
    // Before the search's limit: what leads only elsewhere takes no place.
    // (Narrowed after the shared read, which is kept per product list.)
    const ownersById = new Map<number, PortOwner[]>();
    for (const [id, owners] of allOwners) {
      const readable = owners.filter(owner => canRead(owner.entityRef));
      if (readable.length) ownersById.set(id, readable);
    }
    // No port seen at runtime yet: nothing found could lead to a port.
    if (ownersById.size === 0) {
      return { items: declared.sort(byRank), partial: false };
    }
    // Producers differ in how they spell a namespace, whichever was typed.
    const within = {
      limit,
      ...(namespace === undefined
        ? {}
        : { namespaces: searchNamespaceSpellings(namespace) }),
      outputsIn: [...ownersById.keys()],
    };
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
    // A job its product names that also writes, feeds or reads a port, or
    // a table of such a job that is a port, is found so, which says more.
    const placedKey = (m: RuntimeProductMatch) =>
      [m.entityRef, m.via.type, m.via.namespace, m.via.name].join('\u0000');
    const placed = new Set(matches.map(placedKey));
    matches.push(...declared.filter(m => !placed.has(placedKey(m))));
    matches.sort(byRank);
    return { items: matches, partial: jobs.partial || datasets.partial };
  }

  /**
   * The jobs products name in their annotation, their child jobs, and the
   * tables these write now, whose name or namespace holds `term` (within
   * `namespace`, if given, as searchNamespace reads both): up to
   * `limit` of each, those named `term` first.
   */
  private declaredMatches(
    allJobs: DeclaredJobOwners[],
    term: string,
    { limit, namespace }: { limit: number; namespace?: string },
    canRead: (entityRef: string) => boolean,
    isPort: (datasetId: number) => boolean,
  ): RuntimeProductMatch[] {
    // Before the limit: what leads only elsewhere takes no place.
    const jobs = allJobs.flatMap(job => {
      const owners = job.owners.filter(owner => canRead(owner.entityRef));
      return owners.length ? [{ ...job, owners }] : [];
    });
    const lower = (text: string) => text.toLocaleLowerCase('en-US');
    const lowerTerm = lower(term);
    const read =
      namespace === undefined ? undefined : searchNamespace(namespace);
    const found = (node: Named) =>
      (read === undefined || searchNamespace(node.namespace) === read) &&
      (lower(node.name).includes(lowerTerm) ||
        lower(node.namespace).includes(lowerTerm));
    const exact = (node: Named) => lower(node.name) === lowerTerm;
    const firstExact = <T extends Named>(nodes: T[]) =>
      nodes
        .filter(found)
        .sort((a, b) => Number(exact(b)) - Number(exact(a)))
        .slice(0, limit);
    const viaJobs = firstExact(jobs).flatMap(job =>
      job.owners.map(({ entityRef, declared }) => ({
        entityRef,
        via: { type: 'job' as const, namespace: job.namespace, name: job.name },
        exact: exact(job),
        declared,
      })),
    );
    const outputs = new Map<string, Named & { writers: DeclaredJobOwners[] }>();
    for (const job of jobs) {
      for (const output of job.outputs) {
        if (isPort(output.id)) continue;
        const key = namedKey(output);
        const writers = outputs.get(key)?.writers ?? [];
        outputs.set(key, { ...output, writers: [...writers, job] });
      }
    }
    const viaTables = firstExact([...outputs.values()]).flatMap(table =>
      table.writers.flatMap(writer =>
        writer.owners.map(({ entityRef, declared }) => ({
          entityRef,
          via: {
            type: 'dataset' as const,
            namespace: table.namespace,
            name: table.name,
          },
          job: { namespace: writer.namespace, name: writer.name },
          exact: exact(table),
          declared,
        })),
      ),
    );
    const seen = new Set<string>();
    return [...viaJobs, ...viaTables].filter(match => {
      // A table two of a product's jobs write leads to it once.
      const key = [match.entityRef, match.via.type, namedKey(match.via)].join(
        '\u0000',
      );
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }

  /**
   * The jobs the products name in their annotation, each with its child
   * jobs and the tables it writes, and who names it.
   */
  private readonly declaredJobs = readPerProductList(products =>
    this.readDeclaredJobs(products),
  );

  private async readDeclaredJobs(
    products: DataProductEntityV1alpha1[],
  ): Promise<DeclaredJobOwners[]> {
    const named = products.flatMap(product =>
      declaredJobsOf(product).map(job => ({
        job,
        entityRef: stringifyEntityRef(product),
      })),
    );
    if (named.length === 0) return [];
    const families = await this.options.reader.jobsWithChildren(
      named.map(({ job }) => job),
    );
    const byId = new Map<number, DeclaredJobOwners>();
    for (const { job, entityRef } of named) {
      for (const member of families.get(namedKey(job)) ?? []) {
        const found = byId.get(member.id) ?? {
          namespace: member.namespace,
          name: member.name,
          outputs: [],
          owners: [],
        };
        // A job named by two products, or in two of a product's families
        // (its DAG's and its own), leads to each product once.
        if (!found.owners.some(owner => owner.entityRef === entityRef)) {
          found.owners.push({ entityRef, declared: job });
        }
        byId.set(member.id, found);
      }
    }
    const edges = await this.options.reader.currentDatasetsOf([...byId.keys()]);
    const written = [...edges.values()].flatMap(({ out }) => [...(out ?? [])]);
    const names = await this.options.reader.names([...new Set(written)]);
    for (const [id, job] of byId) {
      job.outputs = [...(edges.get(id)?.out ?? [])].flatMap(datasetId => {
        const table = names.get(datasetId);
        return table ? [{ ...table, id: datasetId }] : [];
      });
    }
    return [...byId.values()];
  }

  /**
   * The products' ports by their datasets' ids: a port's dataset first seen
   * after its product list was read is found from the next list on.
   */
  private readonly portOwners = readPerProductList(products =>
    this.readPortOwners(products),
  );

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
    // A port's table known by its name, under any spelling of its namespace,
    // is the port too, though its files, which a symlink names so, are what
    // jobs write (see datasetIds); and so is each other name of its table
    // (see symlinkFolds), however far along a chain of symlinks: files
    // naming a Hive table whose own facet names the port's Glue table.
    const portIds = ports.map(({ dataset }) => {
      const key = namedKey(dataset);
      return [...new Set([ids.get(key), ...(named.get(key) ?? [])])].filter(
        (id): id is number => id !== undefined,
      );
    });
    const folds = await this.options.reader.foldsOf([
      ...new Set(portIds.flat()),
    ]);
    const stored = ports.flatMap(({ owner }, i) =>
      [
        ...new Set(portIds[i].flatMap(id => folds.get(id)?.members ?? [id])),
      ].map(id => ({ id, owner })),
    );
    return groupBy(
      stored,
      port => port.id,
      port => port.owner,
    );
  }
}

/**
 * Those named the term first, then a port's own writers and tables before
 * what feeds them; stable, so jobs stay before datasets, each in the order
 * found.
 */
function byRank(a: RuntimeProductMatch, b: RuntimeProductMatch): number {
  return (
    Number(b.exact) - Number(a.exact) ||
    Number(Boolean(a.upstream)) - Number(Boolean(b.upstream))
  );
}
