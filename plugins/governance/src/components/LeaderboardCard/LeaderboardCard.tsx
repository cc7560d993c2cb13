import { Table, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { ScorecardRollup } from '@meshwork/plugin-governance-common';
import useAsync from 'react-use/esm/useAsync';
import { governanceApiRef } from '../../api';
import { AsyncInfoCard } from '../AsyncInfoCard';
import { DomainLink } from '../DomainLink';
import { LevelDistributionBar } from '../LevelDistributionBar';
import { cardTableOptions } from '../cardTableOptions';

type Row = ScorecardRollup & { id: string };

const LABELS = {
  domains: { title: 'Leaderboard by domain', column: 'Domain' },
  teams: { title: 'Leaderboard by team', column: 'Team' },
};

/**
 * Domains or teams, best average score first, each by its title as the
 * catalog presents it: a domain linked to this page showing its products'
 * scores (its catalog page shows none), a team to its catalog page.
 */
export function LeaderboardCard(props: { by: 'domains' | 'teams' }) {
  const { by } = props;
  const governanceApi = useApi(governanceApiRef);
  // The page decides the order rather than trusting the backend's. The
  // table keeps each row's state by its `id`, here the domain's or team's ref.
  const rollups = useAsync(
    async (): Promise<Row[]> =>
      (await governanceApi.getRollups(by))
        .map(rollup => ({ ...rollup, id: rollup.key }))
        .sort(
          (a, b) =>
            b.averageScore - a.averageScore || a.key.localeCompare(b.key),
        ),
    [governanceApi, by],
  );
  const { title, column } = LABELS[by];
  const columns: TableColumn<Row>[] = [
    {
      title: column,
      field: 'key',
      cellStyle: { minWidth: 180 },
      render: rollup =>
        by === 'domains' ? (
          <DomainLink domain={rollup.key} />
        ) : (
          <EntityRefLink entityRef={rollup.key} defaultKind="group" />
        ),
    },
    { title: 'Average score', field: 'averageScore', type: 'numeric' },
    {
      title: 'Levels',
      sorting: false,
      render: rollup => <LevelDistributionBar levels={rollup.levels} />,
    },
    { title: 'Products', field: 'products', type: 'numeric' },
  ];
  return (
    <AsyncInfoCard title={title} state={rollups} noPadding>
      {value => (
        <Table<Row>
          aria-label={title}
          columns={columns}
          data={value}
          options={cardTableOptions}
          emptyContent={`No ${by} have scored products yet.`}
        />
      )}
    </AsyncInfoCard>
  );
}
