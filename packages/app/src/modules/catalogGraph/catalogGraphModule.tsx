import { createFrontendModule } from '@backstage/frontend-plugin-api';
import catalogGraphPlugin from '@backstage/plugin-catalog-graph/alpha';
import { withElementWrapped } from '../withElementWrapped';
import { DomainRootedGraph } from './DomainRootedGraph';
import { RelationsCardFit } from './RelationsCardFit';

/** The catalog graph page, opening on the mesh's domains (see DomainRootedGraph). */
const catalogGraphPage = catalogGraphPlugin
  .getExtension('page:catalog-graph')
  .override({
    factory: originalFactory =>
      withElementWrapped(originalFactory(), DomainRootedGraph),
  });

/** An entity page's Relations card, its graph clear of the fullscreen button. */
const relationsCard = catalogGraphPlugin
  .getExtension('entity-card:catalog-graph/relations')
  .override({
    factory: originalFactory =>
      withElementWrapped(originalFactory(), RelationsCardFit),
  });

export const catalogGraphModule = createFrontendModule({
  pluginId: 'catalog-graph',
  extensions: [catalogGraphPage, relationsCard],
});
