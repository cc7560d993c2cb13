import { stringifyEntityRef } from '@backstage/catalog-model';
import { Table, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import type { StoredExemption } from '@meshwork/plugin-governance-common';
import useAsync from 'react-use/esm/useAsync';
import { governanceApiRef } from '../../api';
import { AsyncInfoCard } from '../AsyncInfoCard';

type ProductExemption = StoredExemption & { checkTitle: string };

/** Every exemption of the product, active, expired or revoked. */
export function ProductExemptionsCard() {
  const { entity } = useEntity();
  const governanceApi = useApi(governanceApiRef);
  const exemptions = useAsync(async (): Promise<ProductExemption[]> => {
    const [all, checks] = await Promise.all([
      governanceApi.listExemptions({
        entityRef: stringifyEntityRef(entity),
        state: 'all',
      }),
      governanceApi.listChecks(),
    ]);
    const titles = new Map(checks.map(check => [check.id, check.title]));
    return all
      .map(exemption => ({
        ...exemption,
        checkTitle: titles.get(exemption.checkId) ?? exemption.checkId,
      }))
      .sort((a, b) => Date.parse(a.expiresAt) - Date.parse(b.expiresAt));
  }, [governanceApi, entity]);
  const columns: TableColumn<ProductExemption>[] = [
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
      render: exemption =>
        new Date(exemption.expiresAt).toISOString().slice(0, 10),
    },
    { title: 'State', field: 'state' },
  ];
  return (
    <AsyncInfoCard title="Exemptions" state={exemptions} noPadding>
      {value => (
        <Table<ProductExemption>
          columns={columns}
          data={value}
          options={{
            toolbar: false,
            paging: false,
            search: false,
            padding: 'dense',
          }}
          emptyContent="No exemptions for this product."
        />
      )}
    </AsyncInfoCard>
  );
}
