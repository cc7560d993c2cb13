import type {
  DatabaseService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { PgSearchEngine } from '@backstage/plugin-search-backend-module-pg';
import { identifierPgSearchTerm } from '@meshwork/plugin-catalog-backend-module-data-products';

/**
 * Backstage's Postgres engine, whose query also finds an identifier such as
 * `customer_id` inside a longer one (identifierPgSearchTerm).
 */
export async function createIdentifierPgSearchEngine(
  config: Config,
  options: { database: DatabaseService; logger?: LoggerService },
): Promise<PgSearchEngine> {
  const engine = await PgSearchEngine.fromConfig(config, options);
  const translate = engine.translator.bind(engine);
  engine.setTranslator((query, translatorOptions) => {
    const translated = translate(query, translatorOptions);
    return {
      ...translated,
      pgQuery: {
        ...translated.pgQuery,
        pgTerm: identifierPgSearchTerm(query.term),
      },
    };
  });
  return engine;
}
