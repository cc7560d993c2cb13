import { Table, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { StoredExemption } from '@meshwork/plugin-governance-common';
import useAsync from 'react-use/esm/useAsync';
import { governanceApiRef } from '../../api';
import { AsyncInfoCard } from '../AsyncInfoCard';

const WITHIN_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

type ExpiringExemption = StoredExemption & { checkTitle: string };

/** `2026-12-01 (in 3 days)`: the UTC date, and how soon it is. */
function expiryOf(expiresAt: string, now: number): string {
  const days = Math.ceil((Date.parse(expiresAt) - now) / DAY_MS);
  return `${expiresAt.slice(0, 10)} (in ${days} ${
    days === 1 ? 'day' : 'days'
  })`;
}

/** Active exemptions that lapse within 30 days, soonest first. */
export function ExpiringExemptionsCard() {
  const governanceApi = useApi(governanceApiRef);
  const exemptions = useAsync(async (): Promise<ExpiringExemption[]> => {
    const [expiring, checks] = await Promise.all([
      governanceApi.listExemptions({
        state: 'active',
        expiringWithinDays: WITHIN_DAYS,
      }),
      governanceApi.listChecks(),
    ]);
    const titles = new Map(checks.map(check => [check.id, check.title]));
    return expiring
      .map(exemption => ({
        ...exemption,
        checkTitle: titles.get(exemption.checkId) ?? exemption.checkId,
      }))
      .sort((a, b) => Date.parse(a.expiresAt) - Date.parse(b.expiresAt));
  }, [governanceApi]);
  const now = Date.now();
  const columns: TableColumn<ExpiringExemption>[] = [
    {
      title: 'Product',
      field: 'entityRef',
      render: exemption => (
        <EntityRefLink
          entityRef={exemption.entityRef}
          defaultKind="DataProduct"
        />
      ),
    },
    { title: 'Check', field: 'checkTitle' },
    { title: 'Justification', field: 'justification', sorting: false },
    {
      title: 'Approver',
      field: 'approver',
      render: exemption => <EntityRefLink entityRef={exemption.approver} />,
    },
    {
      title: 'Expires',
      field: 'expiresAt',
      render: exemption => expiryOf(exemption.expiresAt, now),
    },
  ];
  const title = `Exemptions expiring within ${WITHIN_DAYS} days`;
  return (
    <AsyncInfoCard title={title} state={exemptions} noPadding>
      {value => (
        <Table<ExpiringExemption>
          columns={columns}
          data={value}
          options={{
            toolbar: false,
            paging: false,
            search: false,
            padding: 'dense',
          }}
          emptyContent={`No exemption expires within ${WITHIN_DAYS} days.`}
        />
      )}
    </AsyncInfoCard>
  );
}
