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

/** Adds a query word's clauses. */
function addWordClauses(query: lunr.Query, word: string) {
  const parts = identifierParts(word);
  if (parts.length > 1) {
    // Every word of the identifier, in any field (an owner's
    // `group:checkout-data`, a type's `source-aligned`), the last perhaps
    // still being typed; those holding the whole identifier, joined as
    // joinedIdentifiersIn indexes it, first.
    parts.forEach((part, index) =>
      index < parts.length - 1
        ? query.term(part, { presence: lunr.Query.presence.REQUIRED })
        : query.term(stemPrefix(part), {
            presence: lunr.Query.presence.REQUIRED,
            usePipeline: false,
            wildcard: lunr.Query.wildcard.TRAILING,
          }),
    );
    query.term(joinedIdentifier(parts), { boost: 100 });
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
 * translator that requires every word of an identifier, ranks those holding
 * it whole first, and fuzzy-matches only longer words. Filters, paging and highlights are Backstage's.
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
