import {
  type LunrQueryTranslator,
  LunrSearchEngine,
} from '@backstage/plugin-search-backend-node';
import lunr from 'lunr';
import { identifierParts, joinedIdentifier } from './identifierParts';

/** Shorter words are matched exactly or as a prefix, never fuzzily. */
const MIN_FUZZY_WORD_LENGTH = 5;

/**
 * A word's stem as a prefix, so that a word still being typed matches
 * (`even` finds `events`) and a whole one still matches its indexed stem
 * (`orders` finds `order`): Lunr stems what it indexes.
 */
function stemPrefix(word: string): string {
  return lunr.stemmer(new lunr.Token(word, {})).toString();
}

/**
 * Whether Lunr's indexer drops `part` as a stop word (`is`, `on`, `a`), so
 * that no document holds it: `is_active` is indexed as `active` alone.
 */
function isStopWord(part: string): boolean {
  return lunr.stopWordFilter(new lunr.Token(part, {})) === undefined;
}

/** Adds a query word's clauses. */
function addWordClauses(query: lunr.Query, word: string) {
  const parts = identifierParts(word);
  if (parts.length > 1) {
    // Every word of the identifier, in any field (an owner's
    // `group:checkout-data`, a type's `source-aligned`), the last perhaps
    // still being typed; those holding the whole identifier, joined as
    // joinedIdentifiersIn indexes it, first. Stop words are never indexed,
    // so requiring one would find nothing; the last, perhaps the start of a
    // longer word (`customer_is` for `customer_issue`), only ranks.
    const required = parts.filter(part => !isStopWord(part));
    const last = parts[parts.length - 1];
    for (const part of parts.slice(0, -1)) {
      if (!isStopWord(part)) {
        query.term(part, { presence: lunr.Query.presence.REQUIRED });
      }
    }
    query.term(stemPrefix(last), {
      presence: isStopWord(last)
        ? lunr.Query.presence.OPTIONAL
        : lunr.Query.presence.REQUIRED,
      usePipeline: false,
      wildcard: lunr.Query.wildcard.TRAILING,
    });
    const joined = joinedIdentifier(parts);
    query.term(joined, { boost: 100 });
    // Only stop words (`as_of`): found by the identifier whole, perhaps
    // still being typed (`as_of_date`).
    if (required.length === 0) {
      query.term(stemPrefix(joined), {
        presence: lunr.Query.presence.REQUIRED,
        usePipeline: false,
        wildcard: lunr.Query.wildcard.TRAILING,
      });
    }
    return;
  }
  if (parts.length === 0) return;
  const [part] = parts;
  query.term(part, { boost: 100 });
  query.term(part, {
    usePipeline: false,
    wildcard: lunr.Query.wildcard.TRAILING,
    boost: 10,
  });
  // Lunr's default of two edits for every word let `id` match any word of
  // up to four letters: `ad`, `e`, `old`, `one`, `12`.
  if (part.length >= MIN_FUZZY_WORD_LENGTH) {
    query.term(part, { usePipeline: false, editDistance: 2, boost: 1 });
  }
}

/**
 * Lunr's trimmer, but keeping letters and digits outside ASCII: Lunr's own
 * strips what its ASCII `\W` calls non-word from a word's ends, so `Café` was
 * indexed as `caf` and `ΣΑΣ` as nothing, while queries keep every letter
 * (identifierParts).
 */
const unicodeTrimmer: lunr.PipelineFunction = token =>
  token.update(word =>
    word.replace(/^[^\p{L}\p{N}]+/u, '').replace(/[^\p{L}\p{N}]+$/u, ''),
  );
lunr.Pipeline.registerFunction(unicodeTrimmer, 'meshworkUnicodeTrimmer');

/**
 * The Lunr engine, for databases other than Postgres, with a query
 * translator that requires every word of an identifier, ranks those holding
 * it whole first, and fuzzy-matches only longer words, and an indexer that
 * keeps words' letters outside ASCII. Filters, paging and highlights are
 * Backstage's.
 */
export class IdentifierLunrSearchEngine extends LunrSearchEngine {
  constructor(options: ConstructorParameters<typeof LunrSearchEngine>[0]) {
    super(options);
    // Backstage's translator, given no term, adds only the filters' clauses.
    const filterTranslator = this.translator as LunrQueryTranslator;
    this.setTranslator(query => {
      const translated = filterTranslator({ ...query, term: '' });
      return {
        ...translated,
        lunrQueryBuilder: q => {
          for (const word of query.term.split(/\s+/)) addWordClauses(q, word);
          translated.lunrQueryBuilder.call(q, q);
        },
      };
    });
  }

  async getIndexer(type: string) {
    const indexer = await super.getIndexer(type);
    // Backstage offers no option for the indexer's pipeline, so its builder
    // (private) is reached into; the tests fail should that change.
    const { pipeline } = (indexer as unknown as { builder: lunr.Builder })
      .builder;
    pipeline.before(lunr.trimmer, unicodeTrimmer);
    pipeline.remove(lunr.trimmer);
    return indexer;
  }

  async query(
    query: Parameters<LunrSearchEngine['query']>[0],
  ): ReturnType<LunrSearchEngine['query']> {
    // A search of only punctuation (`%`, `_`) has no word to find; Lunr,
    // given no clause, would match every document. Postgres finds none.
    if (query.term.trim() !== '' && identifierParts(query.term).length === 0) {
      return { results: [], numberOfResults: 0 };
    }
    return super.query(query);
  }
}
