import { parseEntityRef } from '@backstage/catalog-model';
import { contractColumns, parseDataContract } from '../contract';
import { foldForSearch } from './foldForSearch';
import { searchNamespace } from './searchNamespace';
import { DataProductEntityV1alpha1 } from './DataProductEntityV1alpha1';
import { declaredJobsOf } from './declaredJobs';

/** Where a searchable term comes from in a product. */
export type DataProductTermSource =
  | 'product'
  | 'dataset'
  | 'column'
  | 'port'
  | 'description'
  | 'tag'
  | 'domain'
  | 'declaredJob';

export type DataProductSearchTerm = {
  /** Lowercased text that a search term may be a prefix of. */
  term: string;
  on: DataProductTermSource;
  /** What to show for the match, e.g. `orders.customer_id`. */
  text: string;
  port?: string;
};

/** Words of prose: letters (with their combining marks) and digits. */
const WORD = /[\p{L}\p{M}\p{N}]+/gu;

/**
 * Where words start inside names: after separators
 * (`analytics.checkout.orders`, `order_total_gbp`), at a change of case
 * (`customerEmail`, `HTTPRequests`) and between letters and digits
 * (`sha256`, `last30days`). Case is read before folding, which loses it.
 */
const WORD_START = new RegExp(
  // Each lookahead before its lookbehind: the lookbehind, which may scan
  // back over a long run of marks, is tried only where the next character
  // fits, which keeps the match linear.
  [
    /[._\-/:\s]+/u,
    /(?=\p{Lu})(?<=\p{Ll}\p{M}*)/u,
    // The last capital of an acronym starts the next word: HTTP|Requests.
    /(?=\p{Lu}\p{M}*\p{Ll})(?<=\p{Lu}\p{M}*)/u,
    /(?=\p{N})(?<=\p{L}\p{M}*)/u,
    /(?=\p{L})(?<=\p{N})/u,
  ]
    .map(part => part.source)
    .join('|'),
  'gu',
);

/**
 * The text and every tail of it that starts a word: one term per word, so
 * the index grows with the number of words.
 */
function tails(text: string): string[] {
  const composed = text.normalize('NFC');
  const result = [foldForSearch(composed)];
  for (const match of composed.matchAll(WORD_START)) {
    const tail = composed.slice(match.index! + match[0].length);
    if (tail) result.push(foldForSearch(tail));
  }
  return result;
}

/**
 * The terms a product is found by: the words of its description, and its
 * name and title, tags, domain's name, its output ports' names and datasets
 * and the jobs it declares (both also as `namespace/name`) and its
 * contracts' columns (by name and by physical name), each from every word
 * start so that `orders`, `checkout.orders` and `analytics.checkout.orders`
 * all find the same table, `clv` finds `predicted_clv_12m_gbp` and `email`
 * finds `customerEmail`.
 */
export function dataProductSearchTerms(
  entity: DataProductEntityV1alpha1,
): DataProductSearchTerm[] {
  const terms: DataProductSearchTerm[] = [];
  /** Adds the text's terms, but those in `except`; gives all of them. */
  const add = (
    on: DataProductTermSource,
    text: string | undefined,
    port?: string,
    except?: ReadonlySet<string>,
  ): string[] => {
    if (!text) return [];
    const all = tails(text);
    for (const term of all) {
      if (!except?.has(term)) terms.push({ term, on, text, port });
    }
    return all;
  };
  add('product', entity.metadata.name);
  add('product', entity.metadata.title);
  for (const tag of entity.metadata.tags ?? []) add('tag', tag);
  if (entity.spec?.domain) {
    // By its name: `sales` is also `domain:default/sales`.
    const domain = parseEntityRef(entity.spec.domain, {
      defaultKind: 'domain',
      defaultNamespace: 'default',
    });
    add('domain', domain.name);
  }
  // Each word once, not every tail: descriptions are long. Short words too,
  // so that a phrase of the description, `snapshot of orders`, finds it.
  const words = new Set(
    foldForSearch(entity.metadata.description ?? '').match(WORD) ?? [],
  );
  for (const word of words) {
    terms.push({ term: word, on: 'description', text: word });
  }
  for (const port of entity.spec?.outputPorts ?? []) {
    add('port', port.name, port.name);
    add('dataset', port.dataset?.name, port.name);
    if (port.dataset?.namespace && port.dataset.name) {
      terms.push({
        term: `${searchNamespace(port.dataset.namespace)}/${foldForSearch(
          port.dataset.name,
        )}`,
        on: 'dataset',
        text: port.dataset.name,
        port: port.name,
      });
    }
    if (port.contract && typeof port.contract === 'object') {
      const { contract } = parseDataContract(port.contract);
      for (const object of contract?.schema ?? []) {
        const physicalObject = object.physicalName ?? object.name;
        for (const { path, physicalPath } of contractColumns(
          object.properties,
        )) {
          const text = `${object.name}.${path}`;
          const logical = add('column', text, port.name);
          // Also by the names the warehouse and lineage use, from the words
          // they add only: `id` of `tbl_1.id` is already `tbl.id`'s.
          const physical = `${physicalObject}.${physicalPath}`;
          if (physical !== text) {
            add('column', physical, port.name, new Set(logical));
          }
        }
      }
    }
  }
  for (const job of declaredJobsOf(entity)) {
    add('declaredJob', job.name);
    // By namespace and name, as datasets are, and as the annotation has it.
    for (const term of [
      `${searchNamespace(job.namespace)}/${foldForSearch(job.name)}`,
      foldForSearch(`${job.namespace}:${job.name}`),
    ]) {
      terms.push({ term, on: 'declaredJob', text: job.name });
    }
  }
  return terms;
}
