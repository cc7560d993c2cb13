import { columnPaths, parseDataContract } from '../contract';
import { DataProductEntityV1alpha1 } from './DataProductEntityV1alpha1';
import { declaredJobsOf } from './declaredJobs';
import { foldForSearch } from './foldForSearch';
import { searchNamespace } from './searchNamespace';

/** Where a search term was found in a data product. */
export type DataProductMatch = {
  on: 'product' | 'port' | 'dataset' | 'column' | 'declaredJob';
  /** The output port the dataset or column belongs to. */
  port?: string;
  /** What matched, e.g. `analytics.sales.orders` or `orders.customer_id`. */
  text: string;
  exact: boolean;
};

/**
 * Splits what someone typed into the dataset namespace and the rest, so that
 * both `postgres://warehouse:5432/analytics.sales.orders` and
 * `postgres://warehouse:5432 analytics.sales.orders` find the table. A
 * folder's trailing slash is dropped; the namespace is as searchNamespace
 * has it.
 */
export function parseSearchTerm(input: string): {
  namespace?: string;
  term: string;
} {
  const text = foldForSearch(input.trim()).replace(/\/+$/, '');
  const match = /^([a-z][a-z0-9+.-]*:\/\/[^/\s]+)[/\s]+(\S.*)$/.exec(text);
  return match
    ? { namespace: searchNamespace(match[1]), term: match[2] }
    : { term: text };
}

/**
 * Everything in a product that a search term names: the product itself, an
 * output port, its dataset (optionally within a namespace), a column of a
 * port's contract or a job the product declares (optionally within a
 * namespace, compared as a port's is). Exact matches come first.
 */
export function matchDataProduct(
  entity: DataProductEntityV1alpha1,
  input: string,
): DataProductMatch[] {
  const { namespace, term } = parseSearchTerm(input);
  if (!term) {
    return [];
  }
  const matches: DataProductMatch[] = [];
  const add = (
    on: DataProductMatch['on'],
    text: string | undefined,
    port?: string,
  ) => {
    const value = text === undefined ? undefined : foldForSearch(text);
    if (value?.includes(term)) {
      matches.push({ on, port, text: text!, exact: value === term });
    }
  };
  if (!namespace) {
    add('product', entity.metadata.name);
    if (entity.metadata.title) add('product', entity.metadata.title);
  }
  for (const port of entity.spec.outputPorts ?? []) {
    const inNamespace =
      !namespace ||
      (port.dataset?.namespace !== undefined &&
        searchNamespace(port.dataset.namespace) === namespace);
    if (!inNamespace) {
      continue;
    }
    if (!namespace) add('port', port.name, port.name);
    add('dataset', port.dataset?.name, port.name);
    if (namespace || !port.contract || typeof port.contract !== 'object') {
      continue;
    }
    const { contract } = parseDataContract(port.contract);
    for (const object of contract?.schema ?? []) {
      for (const column of columnPaths(object.properties)) {
        const before = matches.length;
        add('column', `${object.name}.${column}`, port.name);
        // Also under the port's table, as a warehouse or an error names the
        // column whole: `analytics.sales.orders.order_id`. A term the table's
        // name holds names the table, not each of its columns.
        const table = port.dataset?.name;
        if (
          matches.length === before &&
          table &&
          table !== object.name &&
          !foldForSearch(table).includes(term)
        ) {
          add('column', `${table}.${column}`, port.name);
        }
      }
    }
  }
  // A job declared in two namespaces (staging and production, say) is one
  // name to show.
  const jobNames = new Set<string>();
  for (const job of declaredJobsOf(entity)) {
    const inNamespace =
      !namespace || searchNamespace(job.namespace) === namespace;
    if (!inNamespace || jobNames.has(job.name)) continue;
    jobNames.add(job.name);
    // As the annotation writes it, too: `<namespace>:<name>`.
    const written = foldForSearch(`${job.namespace}:${job.name}`);
    if (!foldForSearch(job.name).includes(term) && written.includes(term)) {
      matches.push({
        on: 'declaredJob',
        text: job.name,
        exact: written === term,
      });
    } else {
      add('declaredJob', job.name);
    }
  }
  return matches.sort((a, b) => Number(b.exact) - Number(a.exact));
}
