import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  DataProductEntityV1alpha1,
  dataProductSearchTerms,
  DataProductTermSource,
  parseSearchTerm,
} from '../kinds';
import { wholeNamesOf } from './wholeNamesOf';
import { DataProductListing, dataProductListingOf } from './DataProductListing';
import {
  DataProductListingQuery,
  pageDataProductListings,
} from './pageDataProductListings';

type Entry = {
  term: string;
  entityRef: string;
  on: DataProductTermSource;
  text: string;
  port?: string;
  /** Whether the term is a whole name of the text (see wholeNamesOf). */
  whole: boolean;
};

export type DataProductSearchMatch = {
  on: DataProductTermSource;
  text: string;
  port?: string;
  /** Whether what was typed is a whole name of the text (see wholeNamesOf). */
  exact: boolean;
};

/** A match and how well it names its text: see nameMatchRank. */
type RankedMatch = DataProductSearchMatch & { rank: number };

/** A product found, the rank of its best match, and its matches by text. */
type FoundProduct = { rank: number; matches: Map<string, RankedMatch> };

type SearchOptions = {
  /**
   * Whether what describes a product (its description's words, tags and
   * domain) finds it too, as in the explorer, or only the names of what it
   * holds and runs, which the on-call finder looks up.
   */
  descriptions?: boolean;
  readable?: ReadonlySet<string>;
};

/** Where the words that describe a product, rather than name it, are. */
const DESCRIBING: ReadonlySet<DataProductTermSource> = new Set([
  'description',
  'tag',
  'domain',
]);

/**
 * Added to the rank of a describing match (see DESCRIBING), so that a
 * product named as typed comes before those tagged so or in a domain so
 * named, each before the next rank's.
 */
const DESCRIBING_RANK = 0.5;

/** The entries whose term starts with `prefix`: from `start` to `end - 1`. */
type Span = { prefix: string; start: number; end: number };

/**
 * Added to the rank of a product found only word by word, after those the
 * whole text finds, whose ranks nameMatchRank gives (0 to 2, a half more
 * for describing matches).
 */
const WORDS_RANK = 3;

/** Punctuation around a word: `orders,`, `(hourly)`, `"confirmed`. */
const AROUND_WORD = /^[^\p{L}\p{M}\p{N}]+|[^\p{L}\p{M}\p{N}]+$/gu;

/**
 * The words of a search term, each once: split at spaces, without the
 * punctuation around them, as in a phrase pasted from a description.
 * Punctuation inside a word stays: `checkout.orders` is still one name.
 */
function wordsOf(term: string): string[] {
  const words = term.split(/\s+/).map(word => word.replace(AROUND_WORD, ''));
  return [...new Set(words.filter(Boolean))];
}

/** Adds a match to a product's, or betters the rank of the same one. */
function addMatch(product: FoundProduct, match: RankedMatch): void {
  const key = JSON.stringify([match.text, match.port]);
  const known = product.matches.get(key);
  if (!known) {
    product.matches.set(key, match);
  } else if (match.rank < known.rank) {
    // Another term of the same text names it better.
    known.rank = match.rank;
    known.exact = match.exact;
  }
}

export type DataProductSearchResult = {
  /**
   * Products found: those with a whole name typed first, then those with
   * the start of one, then the rest (see nameMatchRank), then those found
   * only word by word; each by ref.
   */
  items: Array<{
    entityRef: string;
    /** As of the index's last rebuild from the catalog. */
    product: DataProductListing;
    matches: DataProductSearchMatch[];
  }>;
  /** How many products match in all; more than `items` when limited. */
  totalItems: number;
};

/**
 * An in-memory word-prefix index of data products: names, titles,
 * descriptions, tags, domains, ports, datasets, contract columns and
 * declared jobs. The catalog's own full-text filter scans every searchable
 * value with `LIKE '%term%'`, which takes most of a second at 10,000
 * products; a sorted array answers a prefix in microseconds.
 */
export class DataProductSearchIndex {
  private constructor(
    private readonly entries: Entry[],
    private readonly listingByRef: Map<string, DataProductListing>,
  ) {}

  static build(products: DataProductEntityV1alpha1[]): DataProductSearchIndex {
    const entries: Entry[] = [];
    const listings = new Map<string, DataProductListing>();
    for (const product of products) {
      const entityRef = stringifyEntityRef(product);
      listings.set(entityRef, dataProductListingOf(product));
      const namesByText = new Map<string, string[]>();
      for (const { term, on, text, port } of dataProductSearchTerms(product)) {
        let names = namesByText.get(text);
        if (!names) {
          names = wholeNamesOf(text);
          namesByText.set(text, names);
        }
        // A dataset's term with its namespace ends with its whole name.
        const whole = names.includes(term) || term.endsWith(`/${names[0]}`);
        entries.push({ term, entityRef, on, text, port, whole });
      }
    }
    // Code-unit order, the order lowerBound's comparisons assume.
    entries.sort((a, b) => {
      if (a.term === b.term) return 0;
      return a.term < b.term ? -1 : 1;
    });
    return new DataProductSearchIndex(entries, listings);
  }

  /**
   * The listings of the products given (those the index knows), or of all;
   * only those in `readable`, if given.
   */
  listings(
    entityRefs?: string[],
    readable?: ReadonlySet<string>,
  ): DataProductListing[] {
    const refs = entityRefs ? new Set(entityRefs) : this.listingByRef.keys();
    return [...refs].flatMap(ref => {
      const listing = this.listingByRef.get(ref);
      return listing && (!readable || readable.has(ref)) ? [listing] : [];
    });
  }

  /**
   * A page of the products a term finds (in their descriptions too, as the
   * catalog's full-text filter would) and/or of those given, filtered and
   * sorted as the catalog would; only those in `readable`, if given.
   */
  page(
    query: DataProductListingQuery & { q?: string; entityRefs?: string[] },
    readable?: ReadonlySet<string>,
  ): { items: DataProductListing[]; totalItems: number } {
    const { q, entityRefs, ...rest } = query;
    let refs = entityRefs;
    if (q?.trim()) {
      const allowed = entityRefs && new Set(entityRefs);
      refs = this.search(q, Infinity, { descriptions: true })
        .items.map(item => item.entityRef)
        .filter(ref => !allowed || allowed.has(ref));
    }
    return pageDataProductListings(this.listings(refs, readable), rest);
  }

  /**
   * Products with a name, port, dataset, column or declared job starting,
   * at a word boundary, with what was typed (or, with `descriptions`, a word
   * of their description, a tag or their domain's name); a namespace before
   * the dataset or job name, separated by `/` or a space, narrows to that
   * namespace, unless nothing is found in it. Several words, in any order, also find a product each
   * of whose words starts one of its names or description words (see
   * wordsOf); those come after the products the whole text finds. Only
   * products in `readable`, if given. Each product's matches come best
   * first, as nameMatchRank ranks them.
   */
  search(
    input: string,
    limit: number,
    options: SearchOptions = {},
  ): DataProductSearchResult {
    const { namespace, term } = parseSearchTerm(input);
    if (!term) {
      return { items: [], totalItems: 0 };
    }
    let found = namespace
      ? this.find(this.spanOf(`${namespace}/${term}`), options)
      : new Map<string, FoundProduct>();
    // A namespace nothing is declared in (another host's name for the same
    // database, say) narrows to nothing: the name alone still finds the table.
    if (found.size === 0) found = this.find(this.spanOf(term), options);
    // One word is looked for only as typed, `analytics.` narrowing to tables
    // under it; after a namespace comes one dataset name.
    const words = namespace || !/\s/.test(term) ? [] : wordsOf(term);
    if (words.length > 0) {
      for (const [entityRef, product] of this.findEveryWord(words, options)) {
        if (!found.has(entityRef)) found.set(entityRef, product);
      }
    }
    const items = [...found.entries()].sort(
      ([refA, a], [refB, b]) => a.rank - b.rank || refA.localeCompare(refB),
    );
    return {
      // Only the products shown need their matches in order.
      items: items.slice(0, limit).map(([entityRef, { matches }]) => ({
        entityRef,
        product: this.listingByRef.get(entityRef)!,
        matches: [...matches.values()]
          .sort((a, b) => a.rank - b.rank)
          .map(({ rank: _rank, ...match }) => match),
      })),
      totalItems: items.length,
    };
  }

  /**
   * The products with a term in `span`, each ranked by its best match; only
   * those already `among` the given, if given.
   */
  private find(
    { prefix, start, end }: Span,
    options: SearchOptions,
    among?: ReadonlyMap<string, unknown>,
  ): Map<string, FoundProduct> {
    const found = new Map<string, FoundProduct>();
    for (let i = start; i < end; i++) {
      const entry = this.entries[i];
      const describing = DESCRIBING.has(entry.on);
      if (describing && !options.descriptions) continue;
      if (options.readable && !options.readable.has(entry.entityRef)) continue;
      if (among && !among.has(entry.entityRef)) continue;
      // As nameMatchRank would rank it, from what the build worked out.
      const exact = entry.whole && entry.term === prefix;
      let rank = 2;
      if (exact) rank = 0;
      else if (entry.whole) rank = 1;
      if (describing) rank += DESCRIBING_RANK;
      let product = found.get(entry.entityRef);
      if (!product) {
        product = { rank, matches: new Map() };
        found.set(entry.entityRef, product);
      }
      product.rank = Math.min(product.rank, rank);
      const { on, text, port } = entry;
      addMatch(product, { on, text, port, exact, rank });
    }
    return found;
  }

  /**
   * The products that each word finds, ranked after any the whole text
   * finds, by the word that names them least well.
   */
  private findEveryWord(
    words: string[],
    options: SearchOptions,
  ): Map<string, FoundProduct> {
    // The rarest word first: each further one only checks its products.
    const [rarest, ...others] = words
      .map(word => this.spanOf(word))
      .sort((a, b) => a.end - a.start - (b.end - b.start));
    let found = this.find(rarest, options);
    for (const span of others) {
      if (found.size === 0) break;
      const next = this.find(span, options, found);
      for (const [entityRef, product] of next) {
        const known = found.get(entityRef)!;
        product.rank = Math.max(product.rank, known.rank);
        for (const match of known.matches.values()) addMatch(product, match);
      }
      found = next;
    }
    for (const product of found.values()) {
      product.rank += WORDS_RANK;
      // None of them is named by all that was typed.
      for (const match of product.matches.values()) match.exact = false;
    }
    return found;
  }

  /** Where the terms starting with `prefix` are: together, as sorted. */
  private spanOf(prefix: string): Span {
    return {
      prefix,
      start: this.firstNotBefore(term => term < prefix),
      end: this.firstNotBefore(
        term => term < prefix || term.startsWith(prefix),
      ),
    };
  }

  /** The first entry whose term `before` rejects, as it does all after it. */
  private firstNotBefore(before: (term: string) => boolean): number {
    let low = 0;
    let high = this.entries.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (before(this.entries[mid].term)) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
