import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';
import { MarkdownContent } from '@backstage/core-components';

const content = `
## Welcome to Meshwork

Meshwork is the data mesh in your developer portal: data products with
owners, contracts and SLOs, the domains and teams that own them, and the
lineage between them.

- **Find data**: every data product, filterable by domain, owner, tier and
  searchable down to column names, in the [explorer](/data-products).
- **Something broke?** Type the table, product or column into the
  [on-call finder](/data-products/on-call) to get its owner, on-call and runbook.
- **Who owns what**: the [domains](/data-products/domains) and their teams.
- **Register a data product**: add a \`catalog-info.yaml\` of kind
  \`DataProduct\` to your repository and validate it with \`yarn meshwork validate\`.
`;

const gettingStartedWidget = HomePageWidgetBlueprint.make({
  name: 'getting-started',
  params: {
    name: 'GettingStarted',
    title: 'Getting started',
    description: 'What Meshwork is and where to begin',
    components: async () => ({
      Content: () => <MarkdownContent content={content} />,
    }),
  },
});

export const homeModule = createFrontendModule({
  pluginId: 'home',
  extensions: [gettingStartedWidget],
});
