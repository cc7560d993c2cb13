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

export type DataProductSearchResult = {
  /**
   * Products found: those with a whole name typed first, then those with
   * the start of one, then the rest (see nameMatchRank); each by ref.
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
 * descriptions, ports, datasets and contract columns. The catalog's own full-text filter scans every
 * searchable value with `LIKE '%term%'`, which takes most of a second at
 * 10,000 products; a sorted array answers a prefix in microseconds.
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
   * Products with a name, port, dataset or column starting, at a word
   * boundary, with what was typed (or, with `descriptions`, a word of their
   * description); a namespace before the dataset name, separated by `/` or a
   * space, narrows to that namespace. Only products in `readable`, if given.
   * Each product's matches come best first, as nameMatchRank ranks them.
   */
  search(
    input: string,
    limit: number,
    options: { descriptions?: boolean; readable?: ReadonlySet<string> } = {},
  ): DataProductSearchResult {
    const { namespace, term } = parseSearchTerm(input);
    const query = namespace ? `${namespace}/${term}` : term;
    if (!query) {
      return { items: [], totalItems: 0 };
    }
    /** Each product's matches, and the rank of its best. */
    const found = new Map<string, { rank: number; matches: RankedMatch[] }>();
    /** Each product's match of a text and port, found once each. */
    const seen = new Map<string, RankedMatch>();
    for (let i = this.lowerBound(query); i < this.entries.length; i++) {
      const entry = this.entries[i];
      if (!entry.term.startsWith(query)) break;
      if (entry.on === 'description' && !options.descriptions) continue;
      if (options.readable && !options.readable.has(entry.entityRef)) continue;
      // As nameMatchRank would rank it, from what the build worked out.
      const exact = entry.whole && entry.term === query;
      let rank = 2;
      if (exact) rank = 0;
      else if (entry.whole) rank = 1;
      let product = found.get(entry.entityRef);
      if (!product) {
        product = { rank, matches: [] };
        found.set(entry.entityRef, product);
      }
      product.rank = Math.min(product.rank, rank);
      const key = JSON.stringify([entry.entityRef, entry.text, entry.port]);
      const known = seen.get(key);
      if (!known) {
        const { on, text, port } = entry;
        const match = { on, text, port, exact, rank };
        seen.set(key, match);
        product.matches.push(match);
      } else if (rank < known.rank) {
        // Another term of the same text names it better.
        known.rank = rank;
        known.exact = exact;
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
        matches: matches
          .sort((a, b) => a.rank - b.rank)
          .map(({ rank: _rank, ...match }) => match),
      })),
      totalItems: items.length,
    };
  }

  private lowerBound(query: string): number {
    let low = 0;
    let high = this.entries.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.entries[mid].term < query) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
