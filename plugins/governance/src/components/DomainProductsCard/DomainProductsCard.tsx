import { Table, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Chip, Tooltip } from '@material-ui/core';
import {
  LEVEL_MEANINGS,
  levels,
  type ScorecardSummary,
} from '@meshwork/plugin-governance-common';
import useAsync from 'react-use/esm/useAsync';
import { governanceApiRef } from '../../api';
import { AsyncInfoCard } from '../AsyncInfoCard';
import { cardTableOptions } from '../cardTableOptions';

type Row = ScorecardSummary & { id: string };

/**
 * One domain's products, best score first, each with its level and what
 * that level means (a product's card names the checks that set it).
 */
export function DomainProductsCard(props: { domain: string }) {
  const { domain } = props;
  const governanceApi = useApi(governanceApiRef);
  // The table keeps each row's state by its `id`, here the product's ref.
  const products = useAsync(
    async (): Promise<Row[]> =>
      (await governanceApi.listScorecards({ domain }))
        .map(card => ({ ...card, id: card.entityRef }))
        .sort(
          (a, b) => b.score - a.score || a.entityRef.localeCompare(b.entityRef),
        ),
    [governanceApi, domain],
  );
  const columns: TableColumn<Row>[] = [
    {
      title: 'Product',
      field: 'entityRef',
      render: card => <EntityRefLink entityRef={card.entityRef} />,
    },
    { title: 'Score', field: 'score', type: 'numeric' },
    {
      title: 'Level',
      field: 'level',
      // By rank: as text, bronze would sort before none.
      customSort: (a, b) => levels.indexOf(a.level) - levels.indexOf(b.level),
      render: card => (
        <Tooltip title={`${card.level}: ${LEVEL_MEANINGS[card.level]}`}>
          <Chip size="small" label={card.level} />
        </Tooltip>
      ),
    },
    { title: 'Failing checks', field: 'failing', type: 'numeric' },
  ];
  return (
    <AsyncInfoCard title="Products of the domain" state={products} noPadding>
      {value => (
        <Table<Row>
          columns={columns}
          data={value}
          options={cardTableOptions}
          emptyContent="No product of this domain has been scored."
        />
      )}
    </AsyncInfoCard>
  );
}
