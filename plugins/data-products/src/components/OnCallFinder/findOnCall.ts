import type { CatalogApi } from '@backstage/catalog-client';
import {
  Entity,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  DataProductEntityV1alpha1,
  DataProductMatch,
  declaredJobsOf,
  matchDataProduct,
  nameMatchRank,
  OnCall,
  OPENLINEAGE_JOBS_ANNOTATION,
  parseSearchTerm,
  resolveOnCall,
  resolveRunbook,
  ownerRefOf,
  type Runbook,
} from '@meshwork/plugin-data-products-common';
import type { RuntimeProductMatch } from '@meshwork/plugin-lineage-common';
import { DataProductsApi, RuntimeProductMatches } from '../../api';
import { teamsByRef } from '../teamsByRef';
import { dataProductRefOf } from './dataProductRefOf';
import { searchTextsOf } from './searchTextsOf';
import { withTimeout } from './withTimeout';

/**
 * What a term names in a product: what the product declares, or what runs
 * for it (a job writing a port, or a table such a job writes), or what
 * feeds such a job (a job or table upstream), or a job writing nothing that
 * reads a port (a quality check).
 */
export type OnCallMatch =
  | DataProductMatch
  | {
      on: 'job' | 'jobOutput';
      port: string;
      text: string;
      exact: boolean;
      /** The job writing the port, when another: a task of the DAG named. */
      task?: string;
    }
  | {
      on: 'upstreamJob' | 'upstreamTable';
      port: string;
      text: string;
      exact: boolean;
      /** The job writing the port, which the one named feeds. */
      feeds: string;
    }
  | {
      /** A job writing nothing that reads the port: a quality check, say. */
      on: 'readingJob';
      port: string;
      text: string;
      exact: boolean;
    }
  | {
      /**
       * A job the product names in its annotation, as lineage knows it: that
       * job, or, `of` it, a child of it (a task of the DAG it names).
       */
      on: 'declaredJob';
      port?: undefined;
      text: string;
      exact: boolean;
      of?: string;
    }
  | {
      /** A table that a job the product names (or a child of it) writes. */
      on: 'declaredJobOutput';
      port?: undefined;
      text: string;
      exact: boolean;
      writer: string;
    };

/**
 * How long the lineage backend's search is waited for: past it, what the
 * products declare answers alone rather than a spinner on-call cannot
 * get past.
 */
export const RUNTIME_SEARCH_TIMEOUT_MS = 5_000;

export type OnCallAnswer = {
  product: DataProductEntityV1alpha1;
  matches: OnCallMatch[];
  /**
   * The output port whose dataset the term names: a break there reaches only
   * that port's readers, so the blast radius is the port's.
   */
  port?: string;
  owner: string;
  onCall?: OnCall;
  runbook?: Runbook;
  upstream: string[];
  downstream: string[];
};

const TEXT_FIELDS = [
  'metadata.name',
  'metadata.title',
  'spec.outputPorts.name',
  'spec.outputPorts.dataset.name',
  'spec.outputPorts.contract.schema.properties.name',
  // The declared jobs, as one value: the catalog keeps no value of over 200
  // characters for search, so a longer list is found through the index only.
  `metadata.annotations.${OPENLINEAGE_JOBS_ANNOTATION}`,
];

const related = (entity: Entity, type: string) =>
  (entity.relations ?? [])
    .filter(relation => relation.type === type)
    .map(relation => relation.targetRef);

type Found = { product: DataProductEntityV1alpha1; matches: OnCallMatch[] };

/** The first products found, and how many were found in all (at least). */
type FoundSome = { found: Found[]; total: number };

/** What a runtime match names in its product. */
function onCallMatchOf(
  product: DataProductEntityV1alpha1,
  match: RuntimeProductMatch,
): OnCallMatch {
  if (match.declared) {
    const { via, declared, exact, job } = match;
    if (via.type === 'dataset') {
      return {
        on: 'declaredJobOutput',
        text: via.name,
        exact,
        writer: (job ?? declared).name,
      };
    }
    const child =
      declared.namespace !== via.namespace || declared.name !== via.name;
    return {
      on: 'declaredJob',
      text: via.name,
      exact,
      ...(child ? { of: declared.name } : {}),
    };
  }
  const { via, job, port, exact, upstream, reads } = match;
  if (reads) return { on: 'readingJob', port, text: via.name, exact };
  // An upstream match always names the job it feeds.
  if (upstream && job) {
    return {
      on: via.type === 'job' ? 'upstreamJob' : 'upstreamTable',
      port,
      text: via.name,
      exact,
      feeds: job.name,
    };
  }
  const dataset = product.spec.outputPorts.find(p => p.name === port)?.dataset;
  // A port's own table, by its name, or by another when no job writes it.
  const isPort =
    via.type === 'dataset' &&
    (!job ||
      (dataset?.namespace === via.namespace && dataset?.name === via.name));
  if (isPort) {
    return { on: 'dataset', port, text: via.name, exact };
  }
  const task =
    via.type === 'job' &&
    job &&
    (job.namespace !== via.namespace || job.name !== via.name)
      ? job.name
      : undefined;
  return {
    on: via.type === 'job' ? 'job' : 'jobOutput',
    port,
    text: via.name,
    exact,
    ...(task ? { task } : {}),
  };
}

/** Whether `via` is a job the product declares in its annotation. */
function declares(
  product: DataProductEntityV1alpha1,
  via: RuntimeProductMatch['via'],
): boolean {
  return (
    via.type === 'job' &&
    declaredJobsOf(product).some(
      job => job.namespace === via.namespace && job.name === via.name,
    )
  );
}

/**
 * The products a term names: those whose declarations it names (search
 * index, or else the catalog), then those whose jobs or tables seen at
 * runtime it names (lineage backend); exact matches first.
 */
async function findProducts(
  catalogApi: CatalogApi,
  dataProductsApi: DataProductsApi,
  input: string,
  limit: number,
): Promise<FoundSome & { runtimeError?: Error; runtimePartial: boolean }> {
  const { term, namespace } = parseSearchTerm(input);
  let runtimeError: Error | undefined;
  const [indexed, runtime] = await Promise.all([
    findIndexedProducts(catalogApi, dataProductsApi, input, limit),
    // Without lineage, what the products declare still answers, also when
    // lineage hangs.
    withTimeout(
      dataProductsApi.runtimeMatches(term, limit, namespace),
      RUNTIME_SEARCH_TIMEOUT_MS,
      'the lineage backend',
    ).catch(error => {
      runtimeError = error;
      return [] as RuntimeProductMatches;
    }),
  ]);
  // The index is still being built, or was rebuilt before the product was
  // registered: the catalog's full-text scan (most of a second at 10,000
  // products) is left for a term nothing else found, not paid for every
  // job or table name, which only lineage knows.
  const declared =
    indexed === undefined ||
    (indexed.found.length === 0 && runtime.length === 0)
      ? await findProductsByFullText(catalogApi, input, limit)
      : indexed;
  const byRef = new Map<string, Found>(
    declared.found.map(({ product, matches }) => [
      stringifyEntityRef(product),
      { product, matches: [...matches] },
    ]),
  );
  const missing = [
    ...new Set(runtime.map(m => m.entityRef).filter(ref => !byRef.has(ref))),
  ];
  if (missing.length > 0) {
    const { items } = await catalogApi.getEntitiesByRefs({
      entityRefs: missing,
    });
    missing.forEach((ref, i) => {
      const product = items[i] as DataProductEntityV1alpha1 | undefined;
      if (product) byRef.set(ref, { product, matches: [] });
    });
  }
  for (const match of runtime) {
    const found = byRef.get(match.entityRef);
    if (!found) continue;
    const added = onCallMatchOf(found.product, match);
    // Lineage tells more of a job the product declares: the port it writes,
    // feeds or reads.
    if (declares(found.product, match.via)) {
      found.matches = found.matches.filter(
        m => m.on !== 'declaredJob' || m.text !== match.via.name,
      );
    }
    const known = found.matches.some(
      m => m.on === added.on && m.port === added.port && m.text === added.text,
    );
    if (!known) found.matches.push(added);
  }
  const answers = [...byRef.values()];
  answers.forEach(found =>
    found.matches.sort((a, b) => Number(b.exact) - Number(a.exact)),
  );
  return {
    found: answers
      .sort((a, b) => Number(b.matches[0].exact) - Number(a.matches[0].exact))
      .slice(0, limit),
    // Lineage answers only its first matches: those it found beyond the
    // declared ones are counted, not those it may have left out.
    total: Math.max(declared.total, answers.length),
    runtimeError,
    runtimePartial: runtime.partial === true,
  };
}

/**
 * The products whose declarations name a term, as the search index finds
 * and ranks them; undefined when the index cannot answer.
 */
async function findIndexedProducts(
  catalogApi: CatalogApi,
  dataProductsApi: DataProductsApi,
  input: string,
  limit: number,
): Promise<FoundSome | undefined> {
  const searched = await dataProductsApi
    .search(input, limit)
    .catch(() => undefined);
  if (!searched) return undefined;
  const total = searched.totalItems;
  if (total === 0) return { found: [], total };
  const { items } = await catalogApi.getEntitiesByRefs({
    entityRefs: searched.items.map(item => item.entityRef),
  });
  const found = searched.items.flatMap((item, index) => {
    const product = items[index] as DataProductEntityV1alpha1 | undefined;
    // The index answers no description words unless asked.
    const matches = item.matches.filter(
      (match): match is DataProductMatch => match.on !== 'description',
    );
    return product ? [{ product, matches }] : [];
  });
  return { found, total };
}

/**
 * The products whose declarations name a term, as the catalog's full-text
 * filter finds them: slower, and by substring, so the matches are worked
 * out, and ranked as the search index ranks them, here. Counts only the
 * products of the scan.
 */
async function findProductsByFullText(
  catalogApi: CatalogApi,
  input: string,
  limit: number,
): Promise<FoundSome> {
  const { term, namespace } = parseSearchTerm(input);
  const scan = async (text: string) =>
    (
      await catalogApi.queryEntities({
        filter: { kind: 'DataProduct' },
        fullTextFilter: { term: text, fields: TEXT_FIELDS },
        limit: limit * 3,
        totalItems: 'exclude',
      })
    ).items;
  let items = await scan(term);
  // A column under its table's name, `analytics.checkout.orders.customer_id`,
  // is no one value the catalog keeps: its last name is, and matchDataProduct
  // tells the products whose port's table it is under.
  const column = /^[^\s]+\.[^.\s]+\.([^.\s]+)$/.exec(term)?.[1];
  if (items.length === 0 && !namespace && column) items = await scan(column);
  const rankedBy = (text: string) =>
    (items as DataProductEntityV1alpha1[])
      .map(product => {
        const matches = matchDataProduct(product, text)
          .map(match => ({ match, rank: nameMatchRank(match.text, term) }))
          .sort((a, b) => a.rank - b.rank);
        return { product, matches };
      })
      .filter(({ matches }) => matches.length > 0)
      .sort(
        (a, b) =>
          a.matches[0].rank - b.matches[0].rank ||
          a.product.metadata.name.localeCompare(b.product.metadata.name),
      );
  let ranked = rankedBy(input);
  // As the search index does: a namespace nothing is declared in narrows to
  // nothing, and the name alone still finds the table.
  if (ranked.length === 0 && namespace) ranked = rankedBy(term);
  return {
    found: ranked.slice(0, limit).map(({ product, matches }) => ({
      product,
      matches: matches.map(({ match, rank }) => ({
        ...match,
        exact: rank === 0,
      })),
    })),
    total: ranked.length,
  };
}

/**
 * The products a term names, and why the jobs and tables seen at runtime
 * could not be searched, if they could not: the answers are then only what
 * the products declare.
 */
export type OnCallResult = {
  answers: OnCallAnswer[];
  /** How many products the term names, at least: more than shown, at times. */
  total: number;
  runtimeError?: Error;
  /**
   * The lineage backend's search stopped at one of its caps: more jobs or
   * tables seen at runtime may lead to products.
   */
  runtimePartial?: boolean;
};

/**
 * Answers "who do I call about this?" for a table, dataset, product or column
 * name: the products it names (exact matches first), each with its owner,
 * on-call, runbook and neighbours.
 */
export async function findOnCall(
  catalogApi: CatalogApi,
  dataProductsApi: DataProductsApi,
  typed: string,
  limit = 10,
): Promise<OnCallResult> {
  const inputs = searchTextsOf(typed).filter(
    input => parseSearchTerm(input).term,
  );
  if (inputs.length === 0) {
    return { answers: [], total: 0 };
  }
  const named = await productNamed(catalogApi, typed);
  const {
    found: answers,
    total,
    runtimeError,
    runtimePartial,
  } = named
    ? {
        found: [named],
        total: 1,
        runtimeError: undefined,
        runtimePartial: false,
      }
    : await findFirstProducts(catalogApi, dataProductsApi, inputs, limit);
  const owners = [
    ...new Set(
      answers.map(({ product }) => stringifyEntityRef(ownerRefOf(product))),
    ),
  ];
  const ownerByRef = await teamsByRef(catalogApi, owners);
  return {
    runtimeError,
    runtimePartial,
    total,
    answers: answers.map(({ product, matches }) => {
      const owner = stringifyEntityRef(ownerRefOf(product));
      const team = ownerByRef.get(owner);
      return {
        product,
        matches: oneProductMatch(matches),
        port: brokenPort(matches),
        owner,
        onCall: resolveOnCall(product, team),
        runbook: resolveRunbook(product, team),
        upstream: related(product, RELATION_DEPENDS_ON),
        downstream: related(product, RELATION_DEPENDENCY_OF),
      };
    }),
  };
}

/**
 * The products the first of the readings of what was pasted that finds any
 * names (see searchTextsOf): a later reading is asked only when those
 * before it found nothing. Lineage's failure is told if any asking met it.
 */
async function findFirstProducts(
  catalogApi: CatalogApi,
  dataProductsApi: DataProductsApi,
  inputs: string[],
  limit: number,
): Promise<FoundSome & { runtimeError?: Error; runtimePartial: boolean }> {
  let runtimeError: Error | undefined;
  let result: Awaited<ReturnType<typeof findProducts>> | undefined;
  for (const input of inputs) {
    result = await findProducts(catalogApi, dataProductsApi, input, limit);
    runtimeError ??= result.runtimeError;
    if (result.found.length > 0) break;
  }
  return { ...result!, runtimeError: result!.runtimeError ?? runtimeError };
}

/**
 * The product whose entity ref was pasted, if it exists and may be read:
 * the ref names it whatever its name, so it is the answer, not a search.
 */
async function productNamed(
  catalogApi: CatalogApi,
  typed: string,
): Promise<Found | undefined> {
  const ref = dataProductRefOf(typed);
  // A path such as `raw/events` reads as a ref too: no such product, a
  // search. Asked by refs, which answers a missing one without a 404 that
  // the browser would log as an error.
  const product = ref
    ? ((
        await catalogApi
          .getEntitiesByRefs({ entityRefs: [ref] })
          .catch(() => undefined)
      )?.items[0] as DataProductEntityV1alpha1 | undefined)
    : undefined;
  return (
    product && {
      product,
      matches: [{ on: 'product', text: product.metadata.name, exact: true }],
    }
  );
}

/**
 * The matches with the product itself named once: its name and its title
 * (`orders`, `Orders`) both match a term, and say the same thing. The first
 * is kept, the best ranked.
 */
function oneProductMatch(matches: OnCallMatch[]): OnCallMatch[] {
  const first = matches.find(m => m.on === 'product');
  return matches.filter(m => m.on !== 'product' || m === first);
}

/**
 * The output port a term names, whose readers alone a break reaches: the
 * one port that the matches as good as the best all lead to (the port
 * itself, its table, a column of its contract, or a job writing, feeding or
 * reading it). A break of what is found in two ports, of the product
 * itself, or of a job it declares (which names no port), reaches the
 * readers of any of its ports.
 */
function brokenPort(matches: OnCallMatch[]): string | undefined {
  const [best] = matches;
  const ports = new Set(
    matches.filter(m => m.exact === best?.exact).map(m => m.port),
  );
  // A product match's port is undefined: a second port, in effect.
  return ports.size === 1 ? [...ports][0] : undefined;
}
