import {
  type LunrQueryTranslator,
  LunrSearchEngine,
} from '@backstage/plugin-search-backend-node';
import lunr from 'lunr';
import { identifierParts, joinedIdentifier } from './identifierParts';

/** Shorter words are matched exactly or as a prefix, never fuzzily. */
const MIN_FUZZY_WORD_LENGTH = 5;

/** Adds a query word's clauses. */
function addWordClauses(query: lunr.Query, word: string) {
  const parts = identifierParts(word);
  if (parts.length > 1) {
    // Only documents with the whole identifier (see joinedIdentifiersIn);
    // its parts are matched too, exactly, for the highlights.
    query.term(joinedIdentifier(parts), {
      presence: lunr.Query.presence.REQUIRED,
      boost: 100,
    });
    query.term(parts, { boost: 10 });
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
 * The Lunr engine, for databases other than Postgres, with a query
 * translator that keeps identifiers together and fuzzy-matches only
 * longer words. Filters, paging and highlights are Backstage's.
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
}
