import { groupBy } from '@meshwork/plugin-lineage-common';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { yieldToEventLoop } from '@meshwork/plugin-data-products-node';
import {
  DataProductEntityV1alpha1,
  datasetSpellingKey,
  declaredJobsOf,
  OutputPort,
  ownerRefOf,
  parseDuration,
  parseInputPortRef,
  parsePercentage,
  sloWindows,
} from '@meshwork/plugin-data-products-common';
import { namedKey } from '../../store/facetValues';
import { ProductMeasurements } from '../../store/ProductMeasurements';
import {
  measureFreshness,
  measureQuality,
  measureSchemaDrift,
  measureVolume,
} from './measureSlos';
import type {
  ProductDrift,
  ProductEdge,
  ProductGraph,
  ProductSloStatus,
} from '@meshwork/plugin-lineage-common';
import { summarizeSloStatus } from './summarizeSloStatus';
import { downstreamImpact } from './downstreamImpact';
import { contractColumns } from './contractColumns';
import { contractQualityRules } from './contractQualityRules';
import { physicalColumn } from './physicalColumn';
import { lastWritten } from './lastWritten';
import {
  DEFAULT_READ_WINDOW_DAYS,
  ReadWindow,
  readWindowOf,
  seenByAt,
} from '../../store/ReadWindow';

const SLOS_CACHE_MS = 30_000;
/**
 * Products measured at once for every product's SLOs while a caller waits;
 * one in the background, where nobody waits: on SQLite queries run in the
 * backend's thread, so each measured at once holds the event loop longer
 * between two of its turns.
 */
const MEASURED_AT_ONCE = 4;
/** How many writers back drift looks through datasets no product owns. */
const MAX_STAGING_HOPS = 5;

type Dataset = { namespace: string; name: string };

/** A product's measured SLOs, as `slo` answers them. */
type Slo = Awaited<ReturnType<ProductLineageService['slo']>>;

/** A product's SLO measurement, kept for `slos` to answer. */
type Measured = {
  /** The product as measured (JSON): an edited one is measured anew. */
  definition: string;
  slo: Promise<Slo>;
  /** When the measurement ended; undefined while it runs. */
  at?: number;
};

/**
 * Data products on top of runtime lineage: each output port's dataset
 * belongs to its product, and the jobs writing it too, so what those jobs
 * read gives product-to-product lineage, drift against declared input
 * ports, and SLOs measured from the events.
 */
export class ProductLineageService {
  constructor(
    private readonly options: {
      loadProducts: () => Promise<DataProductEntityV1alpha1[]>;
      measurements: ProductMeasurements;
      /**
       * How many days a pipeline may run without reading a dataset before
       * it no longer counts as read (drift, product lineage, impact);
       * default DEFAULT_READ_WINDOW_DAYS.
       */
      readWindowDays?: number;
      now?: () => number;
      /** Told when a background re-measurement fails, which no caller sees. */
      logger?: LoggerService;
    },
  ) {}

  private now() {
    return this.options.now?.() ?? Date.now();
  }

  private readWindowDays() {
    return this.options.readWindowDays ?? DEFAULT_READ_WINDOW_DAYS;
  }

  /**
   * Each product's last SLO measurement, or the one under way, by entity
   * ref: what `slos` answers.
   */
  private readonly measured = new Map<string, Measured>();
  /** The background re-measurement under way, if any: one at a time. */
  private refreshing?: Promise<void>;
  /**
   * When the last background re-measurement ended: the next starts no
   * sooner than SLOS_CACHE_MS after, however long one takes (each product's
   * own time is when it was measured, early in a long pass).
   */
  private refreshEnded?: number;

  /**
   * The datasets read upstream of each output port: what its writers read,
   * and on through datasets that are no product's port nor an input the
   * port's own product declares (a staging table between a product's input
   * and its output), up to a few writers back.
   * A dataset written by a job that also writes other ports (and not this
   * one) is an extra table of those ports' products: `beside` holds those
   * ports, as read through it, and the walk goes on only through its
   * writers that write no port (a loader sharing the table, or one of the
   * other product's own): what it finds there, `behindBeside`, may confirm
   * an input the port's product declares, but is none of its own.
   * A port is walked from its table under each of its names (`sameTable`).
   * A port whose writers, or those behind them, read its own table (an
   * incremental merge) is in `readsItself`.
   */
  private async observedInputs(
    portIds: number[],
    sameTable: Map<number, number[]>,
    /** Whether the walk from `port` stops at `id`, as a product's. */
    stopsAt: (id: number, port: number) => boolean,
    readWindow: ReadWindow,
  ): Promise<{
    read: Map<number, Set<number>>;
    beside: Map<number, Set<number>>;
    behindBeside: Map<number, Set<number>>;
    readsItself: Set<number>;
  }> {
    const result = new Map(portIds.map(id => [id, new Set<number>()]));
    const beside = new Map(portIds.map(id => [id, new Set<number>()]));
    const behindBeside = new Map(portIds.map(id => [id, new Set<number>()]));
    const readsItself = new Set<number>();
    // Each dataset to look behind, with the ports it was reached from; and
    // those beside other ports, looked behind through other writers only.
    let frontier = new Map<number, number[]>();
    for (const port of portIds) {
      for (const id of sameTable.get(port) ?? [port]) {
        frontier.set(id, [...(frontier.get(id) ?? []), port]);
      }
    }
    const isPort = (input: number, port: number) =>
      (sameTable.get(port) ?? [port]).includes(input);
    let besideFrontier = new Map<number, number[]>();
    const lookBehind = async (
      datasets: Map<number, number[]>,
      exceptWritersOf?: number[],
    ) =>
      datasets.size === 0
        ? new Map<number, Set<number>>()
        : this.options.measurements.inputsOfWriters(
            [...datasets.keys()],
            readWindow,
            exceptWritersOf,
          );
    for (
      let hop = 0;
      hop < MAX_STAGING_HOPS && frontier.size + besideFrontier.size > 0;
      hop++
    ) {
      const next = new Map<number, number[]>();
      const nextBeside = new Map<number, number[]>();
      for (const [datasets, writersRead, found, nextOf] of [
        [frontier, await lookBehind(frontier), result, next],
        [
          besideFrontier,
          await lookBehind(besideFrontier, portIds),
          behindBeside,
          nextBeside,
        ],
      ] as const) {
        for (const [dataset, ports] of datasets) {
          for (const input of writersRead.get(dataset) ?? []) {
            for (const port of ports) {
              const seen = found.get(port)!;
              if (isPort(input, port) && found === result) {
                readsItself.add(port);
              }
              if (isPort(input, port) || seen.has(input)) continue;
              seen.add(input);
              if (!stopsAt(input, port)) {
                const reachedFrom = nextOf.get(input) ?? [];
                reachedFrom.push(port);
                nextOf.set(input, reachedFrom);
              }
            }
          }
        }
      }
      const besidePorts = await this.options.measurements.portsWrittenBeside(
        [...next.keys()],
        portIds,
        readWindow,
      );
      besideFrontier = nextBeside;
      for (const [dataset, siblings] of besidePorts) {
        // A port's own job writing the table makes it none of another's.
        const reachedFrom = next.get(dataset)!;
        const walkOn = reachedFrom.filter(port => siblings.has(port));
        const besideOnly = reachedFrom.filter(port => !siblings.has(port));
        besideOnly.forEach(port =>
          siblings.forEach(sibling => beside.get(port)!.add(sibling)),
        );
        if (walkOn.length) next.set(dataset, walkOn);
        else next.delete(dataset);
        if (besideOnly.length) {
          besideFrontier.set(dataset, [
            ...(besideFrontier.get(dataset) ?? []),
            ...besideOnly,
          ]);
        }
      }
      frontier = next;
    }
    return { read: result, beside, behindBeside, readsItself };
  }

  private graphInFlight?: {
    products: DataProductEntityV1alpha1[];
    graph: Promise<ProductGraph>;
  };

  /**
   * Product lineage and drift over the whole mesh. Requests that come while
   * it is worked out for the same product list share that answer: the
   * on-call finder asks for the blast radius of up to ten products at once,
   * each of which takes the whole graph.
   */
  async graph(): Promise<ProductGraph> {
    const products = await this.options.loadProducts();
    if (this.graphInFlight?.products === products) {
      return this.graphInFlight.graph;
    }
    const run = { products, graph: this.graphOf(products) };
    this.graphInFlight = run;
    const done = () => {
      if (this.graphInFlight === run) this.graphInFlight = undefined;
    };
    run.graph.then(done, done);
    return run.graph;
  }

  private async graphOf(
    products: DataProductEntityV1alpha1[],
  ): Promise<ProductGraph> {
    // Several products may declare one dataset (an old and a new version
    // during a migration): a read of it is a read of each.
    const owners = groupBy(
      products.flatMap(product =>
        (product.spec.outputPorts ?? []).map((port: OutputPort) => ({
          product: stringifyEntityRef(product),
          port,
        })),
      ),
      ({ port }) => namedKey(port.dataset),
    );
    const portDatasets = [...owners.values()].map(
      ([first]) => first.port.dataset,
    );
    const namedIds = await this.options.measurements.namedDatasetIds(
      portDatasets,
    );
    const ids = await this.options.measurements.datasetIds(
      portDatasets,
      namedIds,
    );
    const productsByRef = new Map(
      products.map(product => [stringifyEntityRef(product), product]),
    );
    const declaredInputIds = new Set<string>();
    const declaredDatasets = new Map<
      string,
      Array<{ port: string; from?: string; dataset?: Dataset }>
    >();
    for (const product of products) {
      const ref = stringifyEntityRef(product);
      const declared = [];
      for (const input of product.spec.inputPorts ?? []) {
        const target = input.from
          ? parseInputPortRef(input.from, product.metadata.namespace)
          : undefined;
        const source = target
          ? productsByRef
              .get(target.productRef)
              ?.spec.outputPorts.find(p => p.name === target.port)?.dataset
          : input.dataset;
        declared.push({ port: input.name, from: input.from, dataset: source });
        if (source) declaredInputIds.add(namedKey(source));
      }
      declaredDatasets.set(ref, declared);
    }
    const externalDatasets = [...declaredInputIds]
      .filter(k => !ids.has(k))
      .map(k => {
        const [namespace, name] = k.split('\u0000');
        return { namespace, name };
      });
    const externalNamed = await this.options.measurements.namedDatasetIds(
      externalDatasets,
    );
    const externalIds = await this.options.measurements.datasetIds(
      externalDatasets,
      externalNamed,
    );
    const allIds = new Map([...ids, ...externalIds]);
    // One dataset declared by two names (its own, a symlink's) is one: by
    // its port's name, if it has a port.
    const keyById = new Map([...externalIds].map(([k, id]) => [id, k]));
    // A declared input's table read by its name is that input, though its
    // files are what jobs write, as for ports below.
    externalNamed.forEach((named, key) =>
      named.forEach(id => {
        if (keyById.has(id)) return;
        keyById.set(id, keyById.get(externalIds.get(key) ?? id) ?? key);
      }),
    );
    // A port's table read by its name is the port, though its files, which
    // a symlink names so, are what jobs write (see datasetIds).
    // Under each spelling of its namespace stored too (see
    // spelledDatasetIds): they are one table.
    namedIds.forEach((named, key) => named.forEach(id => keyById.set(id, key)));
    ids.forEach((id, key) => keyById.set(id, key));
    // And by the other names of its table: a port declared by its files'
    // path is read by the table's name its `symlinks` facet gives.
    const sameTable = await this.options.measurements.sameTableIds([
      ...new Set(allIds.values()),
    ]);
    const portAliases: number[] = [];
    for (const [key, id] of [...ids, ...externalIds]) {
      for (const alias of sameTable.get(id)!) {
        if (keyById.has(alias)) continue;
        keyById.set(alias, key);
        if (ids.has(key)) portAliases.push(alias);
      }
    }
    const canonical = (dataset: Dataset) => {
      const id = allIds.get(namedKey(dataset));
      return id === undefined ? namedKey(dataset) : keyById.get(id)!;
    };
    const readWindow = readWindowOf(
      this.readWindowDays(),
      this.options.now?.() ?? Date.now(),
    );
    const portIds = new Set([
      ...ids.values(),
      ...[...namedIds.values()].flat(),
      ...portAliases,
    ]);
    // A port's walk stops at ports and at its own product's declared
    // inputs: another product's declared input is a staging table to it.
    const declaredIdsOfPort = new Map<number, Set<number>>();
    for (const product of products) {
      const declaredIds = (
        declaredDatasets.get(stringifyEntityRef(product)) ?? []
      ).flatMap(({ dataset }) => {
        const key = dataset && namedKey(dataset);
        const id = key === undefined ? undefined : allIds.get(key);
        return key === undefined
          ? []
          : [
              ...(id === undefined ? [] : sameTable.get(id)!),
              ...(externalNamed.get(key) ?? []),
            ].filter((named): named is number => named !== undefined);
      });
      for (const port of product.spec.outputPorts ?? []) {
        const id = ids.get(namedKey(port.dataset));
        if (id === undefined) continue;
        const stops = declaredIdsOfPort.get(id) ?? new Set<number>();
        declaredIds.forEach(declaredId => stops.add(declaredId));
        declaredIdsOfPort.set(id, stops);
      }
    }
    const {
      read: inputs,
      beside,
      behindBeside,
      readsItself,
    } = await this.observedInputs(
      [...ids.values()],
      sameTable,
      (id, port) =>
        portIds.has(id) || Boolean(declaredIdsOfPort.get(port)?.has(id)),
      readWindow,
    );
    const written = await this.options.measurements.writtenDatasets(
      [...ids.values()].flatMap(id => sameTable.get(id)!),
      readWindow,
    );
    const jobsOf = new Map(
      products.map(product => [
        stringifyEntityRef(product),
        declaredJobsOf(product),
      ]),
    );
    const declaredJobReads = await this.options.measurements.inputsOfNamedJobs(
      [
        ...new Map(
          [...jobsOf.values()].flat().map(job => [namedKey(job), job]),
        ).values(),
      ],
      readWindow,
    );

    const edges = new Map<string, ProductEdge>();
    const drift: ProductDrift[] = [];
    for (const product of products) {
      const ref = stringifyEntityRef(product);
      const observed = new Set<string>();
      /** Ports read through their product's extra tables, or read back. */
      const readBeside = new Set<string>();
      let writeSeen = false;
      for (const port of product.spec.outputPorts ?? []) {
        const id = ids.get(namedKey(port.dataset));
        if (id === undefined) continue;
        if (sameTable.get(id)!.some(name => written.has(name))) {
          writeSeen = true;
        }
        for (const input of inputs.get(id) ?? []) {
          observed.add(keyById.get(input) ?? `#${input}`);
        }
        beside.get(id)!.forEach(input => readBeside.add(keyById.get(input)!));
        if (readsItself.has(id)) readBeside.add(keyById.get(id)!);
        behindBeside
          .get(id)!
          .forEach(input => readBeside.add(keyById.get(input) ?? `#${input}`));
      }
      // What the jobs it names read, it reads: an export writing outside
      // the mesh, say, which writes none of its ports.
      for (const job of jobsOf.get(ref)!) {
        for (const input of declaredJobReads.get(namedKey(job)) ?? []) {
          observed.add(keyById.get(input) ?? `#${input}`);
        }
      }
      const declared = declaredDatasets.get(ref) ?? [];
      const declaredKeys = new Set(
        declared.flatMap(d => (d.dataset ? [canonical(d.dataset)] : [])),
      );
      // Reading a product's extra table, or what is read behind it, is
      // reading it where declared; it is not its port, so not declaring it
      // is no finding. Nor is not declaring a port's own table its writers
      // read back: declaring it, its product reads it.
      readBeside.forEach(key => declaredKeys.has(key) && observed.add(key));
      /**
       * Whether this product declares reading `key` from `source`: by its
       * port (of a dataset several products declare, only the one named),
       * or by the dataset itself.
       */
      const declares = (key: string, source: string) =>
        declared.some(
          d =>
            d.dataset &&
            canonical(d.dataset) === key &&
            (!d.from ||
              parseInputPortRef(d.from, product.metadata.namespace)
                ?.productRef === source),
        );
      /** The edge from `source` to this product, added if new. */
      const edgeFrom = (source: string) => {
        const edgeKey = `${source}>${ref}`;
        let edge = edges.get(edgeKey);
        if (!edge) {
          edge = {
            source,
            target: ref,
            datasets: [],
            observed: false,
            declared: false,
          };
          edges.set(edgeKey, edge);
        }
        return edge;
      };
      const undeclaredInputs: ProductDrift['undeclaredInputs'] = [];
      for (const key of observed) {
        const sources = owners.get(key) ?? [];
        // A dataset this product serves is its own, whoever else declares
        // the same (an old version of the product during a migration).
        if (sources.some(source => source.product === ref)) continue;
        for (const source of sources) {
          const edge = edgeFrom(source.product);
          edge.observed = true;
          // Two ports of one product may serve one dataset: it is read once.
          if (edge.datasets.some(d => canonical(d) === key)) continue;
          edge.datasets.push(source.port.dataset);
          edge.declared = edge.declared || declares(key, source.product);
          if (!declaredKeys.has(key)) {
            undeclaredInputs.push({
              product: source.product,
              dataset: source.port.dataset,
            });
          }
        }
      }
      const unseenInputs = declared.filter(
        d => !d.dataset || !observed.has(canonical(d.dataset)),
      );
      for (const unseen of unseenInputs) {
        if (!unseen.dataset) continue;
        const key = canonical(unseen.dataset);
        for (const source of owners.get(key) ?? []) {
          if (source.product === ref || !declares(key, source.product)) {
            continue;
          }
          // Another port of the same product may be seen read: the
          // dependency on that product is then both observed and declared.
          const edge = edgeFrom(source.product);
          edge.declared = true;
          if (
            !edge.datasets.some(
              d => namedKey(d) === namedKey(source.port.dataset),
            )
          ) {
            edge.datasets.push(source.port.dataset);
          }
        }
      }
      drift.push({
        product: ref,
        undeclaredInputs,
        observed: writeSeen,
        unseenInputs: writeSeen ? unseenInputs : [],
        readWindowDays: this.readWindowDays(),
      });
    }
    return { edges: [...edges.values()], drift };
  }

  /** The product's own slice of the graph: its upstream and downstream products and its drift. */
  async productLineage(ref: string) {
    const product = await this.find(ref);
    const { edges, drift } = await this.graph();
    const own = stringifyEntityRef(product);
    return {
      product: own,
      upstream: edges.filter(e => e.target === own),
      downstream: edges.filter(e => e.source === own),
      drift: drift.find(d => d.product === own)!,
    };
  }

  /**
   * What breaks if the product, or one of its output ports, changes: every
   * downstream product with its owner, tier and declared on-call.
   */
  async impact(ref: string, portName?: string) {
    const product = await this.find(ref);
    let port: OutputPort | undefined;
    if (portName !== undefined) {
      port = product.spec.outputPorts.find(p => p.name === portName);
      if (!port) {
        throw new InputError(
          `port ${JSON.stringify(
            portName,
          )} is not an output port of ${ref}; expected one of ${product.spec.outputPorts
            .map(p => p.name)
            .join(', ')}`,
        );
      }
    }
    const [products, { edges }] = await Promise.all([
      this.options.loadProducts(),
      this.graph(),
    ]);
    const own = stringifyEntityRef(product);
    return {
      product: own,
      port: port?.name,
      impacted: downstreamImpact(products, edges, own, port?.dataset),
    };
  }

  /**
   * The products whose output ports are these datasets, for labelling a
   * graph: one item per dataset and port, in catalog order (several
   * products may declare one dataset, as during a migration).
   */
  async datasetOwners(datasets: Dataset[]) {
    const products = await this.options.loadProducts();
    const ports = products.flatMap(product =>
      (product.spec.outputPorts ?? []).map(port => ({
        product,
        port: port.name,
        dataset: port.dataset,
      })),
    );
    const owners = groupBy(ports, owner => datasetSpellingKey(owner.dataset));
    // A dataset stored under another spelling of a port's namespace is the
    // port's (see spelledDatasetIds); one a port names through its
    // `symlinks` facet (a table's files by path) is the port's when the
    // port's name leads to it, as for SLOs.
    const unowned = datasets.filter(d => !owners.has(datasetSpellingKey(d)));
    const linked = unowned.length
      ? await this.options.measurements.symlinkNames(unowned)
      : new Map<string, { id: number; names: Dataset[] }>();
    const portNames = [...linked.values()].flatMap(({ names }) =>
      names.filter(n => owners.has(datasetSpellingKey(n))),
    );
    const portIds = portNames.length
      ? await this.options.measurements.datasetIds(portNames)
      : new Map<string, number>();
    // And a table a port declared by its files' path names so.
    const linkedBy = unowned.length
      ? await this.options.measurements.symlinkedBy(unowned)
      : new Map<string, Dataset[]>();
    const linkedOwner = (dataset: Dataset) => {
      const link = linked.get(namedKey(dataset));
      const portName =
        link?.names.find(n => portIds.get(namedKey(n)) === link.id) ??
        linkedBy
          .get(namedKey(dataset))
          ?.find(n => owners.has(datasetSpellingKey(n)));
      return portName && owners.get(datasetSpellingKey(portName));
    };
    // And, however far along a chain of symlinks, one that is one table
    // with a port's (see symlinkFolds): files naming a Hive table whose own
    // facet names the port's Glue table. Only a dataset with a symlink, of
    // its own or naming it, may be in a fold.
    const chainedIds = unowned.flatMap(dataset => {
      const link = linked.get(namedKey(dataset));
      const symlinked =
        link?.names.length || linkedBy.get(namedKey(dataset))?.length;
      return link && symlinked && !linkedOwner(dataset) ? [link.id] : [];
    });
    const folded = await this.portsFoldedWith(chainedIds, ports);
    const ownerOf = (dataset: Dataset) =>
      owners.get(datasetSpellingKey(dataset)) ??
      linkedOwner(dataset) ??
      folded.get(linked.get(namedKey(dataset))?.id ?? -1) ??
      [];
    return datasets.flatMap(dataset =>
      ownerOf(dataset).map(({ product, port }) => ({
        namespace: dataset.namespace,
        name: dataset.name,
        port,
        product: {
          entityRef: stringifyEntityRef(product),
          title: product.metadata.title ?? product.metadata.name,
          owner: stringifyEntityRef(ownerRefOf(product)),
          tier: product.spec.tier,
        },
      })),
    );
  }

  /**
   * The `ports` whose datasets are one table with each of `datasetIds`
   * (see symlinkFolds), in their order, by dataset id: those of its fold
   * that a port's name leads to (see datasetIds).
   */
  private async portsFoldedWith<Port extends { dataset: Dataset }>(
    datasetIds: number[],
    ports: Port[],
  ): Promise<Map<number, Port[]>> {
    const folds = await this.options.measurements.symlinkFolds(datasetIds);
    if (folds.size === 0) return new Map();
    const portIds = await this.options.measurements.datasetIds(
      ports.map(p => p.dataset),
    );
    return new Map(
      [...folds].map(([id, { members }]) => [
        id,
        ports.filter(p =>
          members.includes(portIds.get(namedKey(p.dataset)) ?? -1),
        ),
      ]),
    );
  }

  /**
   * Each output port's newest `limit` successful writes, newest first (see
   * successfulWrites for which), however old: the runs card shows rows
   * written by each run it lists, and a weekly job's last runs are weeks old.
   */
  async writes(ref: string, limit: number) {
    const product = await this.find(ref);
    const seenBy = seenByAt(this.options.now?.() ?? Date.now());
    const ids = await this.options.measurements.datasetIds(
      product.spec.outputPorts.map(p => p.dataset),
    );
    const sameTable = await this.options.measurements.sameTableIds([
      ...new Set(ids.values()),
    ]);
    const outputPorts = [];
    for (const port of product.spec.outputPorts) {
      const id = ids.get(namedKey(port.dataset));
      const writes =
        id === undefined
          ? []
          : await this.options.measurements.successfulWrites(
              sameTable.get(id)!,
              0,
              { newest: limit, seenBy },
            );
      outputPorts.push({
        name: port.name,
        dataset: port.dataset,
        writes: writes
          .map(w => ({
            runId: w.runId,
            endedAt: new Date(w.time).toISOString(),
            rowCount: w.rowCount,
          }))
          .reverse(),
      });
    }
    return { entityRef: stringifyEntityRef(product), outputPorts };
  }

  async slo(ref: string) {
    return this.measure(await this.find(ref));
  }

  /**
   * Every product's measured SLOs, as `slo` answers each. Measuring them all
   * takes a few queries per output port (seconds for a mesh of hundreds of
   * products), so callers do not wait for it once a measurement exists
   * (governance and lists of products ask on every view): the last one is
   * answered, and once it is older than half a minute one re-measurement of
   * every product starts in the background, one at a time, whatever the
   * number of requests. Only products without a measurement of their
   * current definition, none at start and one added or edited in the
   * catalog since, are measured while the caller waits, as it would
   * otherwise miss them or read a definition no longer declared; a product
   * removed is no longer answered.
   */
  async slos(): Promise<Slo[]> {
    const products = await this.options.loadProducts();
    const refs = new Set(products.map(p => stringifyEntityRef(p)));
    for (const [ref, { at }] of this.measured) {
      // A product no longer in the catalog, unless still being measured.
      if (!refs.has(ref) && at !== undefined) this.measured.delete(ref);
    }
    const unmeasured = products.filter(
      p =>
        this.measured.get(stringifyEntityRef(p))?.definition !==
        definitionOf(p),
    );
    if (unmeasured.length > 0) {
      // A product's failure reaches its callers through its measurement.
      this.measureAll(unmeasured, { waitedFor: true }).catch(() => undefined);
    }
    const entries = products.map(
      p => this.measured.get(stringifyEntityRef(p))!,
    );
    const now = this.now();
    if (
      !this.refreshing &&
      (this.refreshEnded === undefined ||
        now - this.refreshEnded > SLOS_CACHE_MS) &&
      entries.some(e => e.at !== undefined && now - e.at > SLOS_CACHE_MS)
    ) {
      const refresh: Promise<void> = this.measureAll(products, {
        waitedFor: false,
      })
        .then(completed => {
          // One that failed is tried again by the next request.
          if (completed) this.refreshEnded = this.now();
        })
        // Failures are each product's, kept by `measureAll`.
        .catch(() => undefined)
        .finally(() => {
          if (this.refreshing === refresh) this.refreshing = undefined;
        });
      this.refreshing = refresh;
    }
    return Promise.all(entries.map(e => e.slo));
  }

  /**
   * Resolves once the background re-measurement under way, if any, ends:
   * for tests, which cannot otherwise tell when its answers change.
   */
  async refreshed(): Promise<void> {
    await this.refreshing;
  }

  /**
   * Measures `products` a few at a time, keeping each measurement as it
   * ends. One a caller waits for is kept while it runs, for requests
   * meanwhile to share, and dropped if it fails, so that the next request
   * tries again. A re-measurement in the background replaces the last
   * measurement only with one that succeeded, and stops at the first
   * failure (the database down, say): the last ones keep being answered,
   * and the next request tries again.
   * Each product and port gives way to the event loop (see
   * `yieldToEventLoop`): on SQLite the thousands of queries of a pass would
   * otherwise hold every other request of the backend until it ends.
   * Resolves whether every product was measured.
   */
  private async measureAll(
    products: DataProductEntityV1alpha1[],
    { waitedFor }: { waitedFor: boolean },
  ): Promise<boolean> {
    const pending = products.map(product => {
      let settle!: { resolve: (s: Slo) => void; reject: (e: unknown) => void };
      const slo = new Promise<Slo>((resolve, reject) => {
        settle = { resolve, reject };
      });
      // Failures reach the requests that wait; none is left unhandled.
      slo.catch(() => undefined);
      const ref = stringifyEntityRef(product);
      const entry: Measured = { definition: definitionOf(product), slo };
      if (waitedFor) this.measured.set(ref, entry);
      return { product, ref, entry, settle };
    });
    let failed = false;
    let next = 0;
    // A few at a time for a caller: on Postgres each waits on its queries'
    // round trips.
    const measureNext = async () => {
      for (let i = next++; i < pending.length && !failed; i = next++) {
        const { product, ref, entry, settle } = pending[i];
        await yieldToEventLoop();
        try {
          const slo = await this.measure(product);
          entry.at = this.now();
          settle.resolve(slo);
          // A product edited while this ran was measured anew for its
          // caller: that is not replaced by a measurement of the old one.
          const current = this.measured.get(ref);
          if (!current || current.definition === entry.definition) {
            this.measured.set(ref, entry);
          }
        } catch (error) {
          settle.reject(error);
          if (this.measured.get(ref) === entry) this.measured.delete(ref);
          if (!waitedFor) {
            failed = true;
            this.options.logger?.warn(
              `SLO re-measurement stopped at ${ref}; the last measurements are answered meanwhile: ${error}`,
            );
          }
        }
      }
    };
    await Promise.all(
      Array.from({ length: waitedFor ? MEASURED_AT_ONCE : 1 }, measureNext),
    );
    return !failed;
  }

  /** Every product's SLO status in a word, for lists of products. */
  async sloStatuses(): Promise<
    Array<{ entityRef: string } & ProductSloStatus>
  > {
    return (await this.slos()).map(({ entityRef, outputPorts }) => ({
      entityRef,
      ...summarizeSloStatus(outputPorts),
    }));
  }

  private async measure(product: DataProductEntityV1alpha1) {
    const now = this.now();
    const { slos } = product.spec;
    const windowMs = windowMsOf(product, 'volume');
    const freshnessWindowMs = windowMsOf(product, 'freshness');
    const maxDelayMs = slos?.freshness
      ? parseDuration(slos.freshness.maxDelay)
      : undefined;
    const objective = slos?.freshness?.objective
      ? parsePercentage(slos.freshness.objective)
      : undefined;
    const ids = await this.options.measurements.datasetIds(
      product.spec.outputPorts.map(p => p.dataset),
    );
    const sameTable = await this.options.measurements.sameTableIds([
      ...new Set(ids.values()),
    ]);
    const { seenBy } = readWindowOf(this.readWindowDays(), now);
    const outputPorts = [];
    for (const [index, port] of product.spec.outputPorts.entries()) {
      // A port takes several queries: others' requests go between ports.
      if (index > 0) await yieldToEventLoop();
      const id = ids.get(namedKey(port.dataset));
      if (id === undefined) {
        // Names are compared as written (namespaces as search reads them):
        // one lineage saw in another case is named, so the port can be
        // declared as producers report it.
        const seenAs = (
          await this.options.measurements.namesDifferingInCase(port.dataset)
        ).map(d => `${d.namespace} ${d.name}`);
        outputPorts.push({
          name: port.name,
          dataset: port.dataset,
          observed: false,
          message: seenAs.length
            ? `No OpenLineage events mention this dataset as declared; lineage has seen ${seenAs.join(
                ', ',
              )}, whose name differs only in case: declare the dataset as producers report it`
            : 'No OpenLineage events mention this dataset yet',
        });
        continue;
      }
      // Its table by any of its names: Spark writes the files by path, a
      // quality check reads the table by name.
      const tableIds = sameTable.get(id)!;
      const since =
        now - Math.max(windowMs, freshnessWindowMs) - (maxDelayMs ?? 0);
      const writes = await this.options.measurements.successfulWrites(
        tableIds,
        since,
        // A write dated ahead of the clock's bound (a typo'd year) would
        // read fresh for years.
        { withLastBefore: true, seenBy },
      );
      // A product written less often than the window is judged by its last
      // quality report while that is due.
      const reportedSince = now - Math.max(windowMs, maxDelayMs ?? 0);
      const streams =
        maxDelayMs !== undefined || slos?.volume
          ? await this.options.measurements.streamingWrites(
              tableIds,
              maxDelayMs !== undefined
                ? now - freshnessWindowMs - maxDelayMs
                : now - windowMs,
            )
          : [];
      const lastWrite = lastWritten(writes, streams);
      // The latest drop or truncate of data once written, since the
      // window or its last write, if earlier: a port dropped after it went
      // stale holds no data either.
      const emptying =
        lastWrite > -Infinity && (maxDelayMs !== undefined || slos?.volume)
          ? await this.options.measurements.lastEmptying(
              tableIds,
              Math.min(since, lastWrite),
              seenBy,
            )
          : undefined;
      const drop = emptying?.change === 'DROP' ? emptying : undefined;
      const emptied =
        emptying && emptying.time > lastWrite ? emptying : undefined;
      // A drop since the last write left no data: no load is of data there
      // now. One followed by a reload is a full refresh, whose loads all
      // count. A truncate since the last write left the table empty: its
      // latest load is of no rows.
      const inWindow = [
        ...writes.filter(
          w => w.time >= now - windowMs && emptied?.change !== 'DROP',
        ),
        ...(emptied?.change === 'TRUNCATE' && emptied.time >= now - windowMs
          ? [{ time: emptied.time, rowCount: 0, jobId: undefined }]
          : []),
      ];
      // Late from its first failed write, if failing before any write: asked
      // only when no write before the window says it was written before.
      const firstWritten = [
        ...writes.map(w => w.time),
        ...streams.map(s => s.from),
      ].reduce((first, time) => Math.min(first, time), Infinity);
      const firstFailedWrite =
        maxDelayMs !== undefined && firstWritten > now - freshnessWindowMs
          ? await this.options.measurements.firstFailedWrite(tableIds)
          : undefined;
      outputPorts.push({
        name: port.name,
        dataset: port.dataset,
        observed: true,
        freshness:
          maxDelayMs !== undefined
            ? measureFreshness(
                writes.map(w => w.time),
                maxDelayMs,
                freshnessWindowMs,
                now,
                objective,
                firstFailedWrite,
                streams,
                drop,
              )
            : undefined,
        volume: slos?.volume
          ? measureVolume(
              inWindow.map(w => ({
                time: w.time,
                rowCount: w.rowCount,
                writer: w.jobId,
              })),
              {
                minRatio: slos.volume.minRatio,
                maxRatio: slos.volume.maxRatio,
              },
              {
                drop: emptied?.change === 'DROP' ? emptied : undefined,
                emptiedAt: emptying?.time,
                streamed: streams.some(s => s.to >= now - windowMs),
              },
            )
          : undefined,
        schema: measureSchemaDrift(
          (await this.options.measurements.writtenSchema(tableIds, seenBy)) ??
            (await this.options.measurements.currentSchema(id, seenBy)),
          contractColumns(port),
        ),
        quality: measureQuality(
          await this.options.measurements.latestQuality(
            tableIds,
            seenBy,
            reportedSince,
          ),
          [
            // A row count names no column: it is the table's, as a
            // contract's is. A column is the one runs report, under its
            // physical name.
            ...(slos?.quality ?? []).flatMap(({ port: rulePort, ...rule }) =>
              rulePort === undefined || rulePort === port.name
                ? [
                    {
                      ...rule,
                      column:
                        rule.column === undefined
                          ? port.dataset.name
                          : physicalColumn(port, rule.column),
                    },
                  ]
                : [],
            ),
            ...contractQualityRules(port),
          ],
          reportedSince,
        ),
      });
    }
    return {
      entityRef: stringifyEntityRef(product),
      measuredAt: new Date(now).toISOString(),
      windowMs,
      outputPorts,
    };
  }

  private async find(ref: string): Promise<DataProductEntityV1alpha1> {
    const products = await this.options.loadProducts();
    const product = products.find(
      p => stringifyEntityRef(p) === ref.toLocaleLowerCase('en-US'),
    );
    if (!product) {
      throw new NotFoundError(`No data product ${ref}`);
    }
    return product;
  }
}

const definitions = new WeakMap<DataProductEntityV1alpha1, string>();

/**
 * `product` as JSON, to tell an edited product from the one measured; the
 * catalog cache answers the same objects until it reads the catalog again,
 * so each is written once, not on every read of hundreds of products.
 */
function definitionOf(product: DataProductEntityV1alpha1): string {
  let definition = definitions.get(product);
  if (definition === undefined) {
    definition = JSON.stringify(product);
    definitions.set(product, definition);
  }
  return definition;
}

/** A product's SLO window in milliseconds (see `sloWindows`). */
function windowMsOf(
  product: DataProductEntityV1alpha1,
  slo: 'volume' | 'freshness',
): number {
  return parseDuration(sloWindows(product.spec.slos)[slo])!;
}
