import {
  coreExtensionData,
  createFrontendModule,
} from '@backstage/frontend-plugin-api';
import catalogGraphPlugin from '@backstage/plugin-catalog-graph/alpha';
import { DomainRootedGraph } from './DomainRootedGraph';

/** The catalog graph page, opening on the mesh's domains (see DomainRootedGraph). */
const catalogGraphPage = catalogGraphPlugin
  .getExtension('page:catalog-graph')
  .override({
    *factory(originalFactory) {
      for (const output of originalFactory()) {
        if (output.id === coreExtensionData.reactElement.id) {
          yield coreExtensionData.reactElement(
            <DomainRootedGraph>{output.value}</DomainRootedGraph>,
          );
        } else {
          yield output;
        }
      }
    },
  });

export const catalogGraphModule = createFrontendModule({
  pluginId: 'catalog-graph',
  extensions: [catalogGraphPage],
});
