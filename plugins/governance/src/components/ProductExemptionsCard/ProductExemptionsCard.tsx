import { stringifyEntityRef } from '@backstage/catalog-model';
import { Table, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import {
  governanceApiRef,
  listTitledExemptions,
  type TitledExemption,
} from '../../api';
import { AsyncInfoCard } from '../AsyncInfoCard';
import { CheckTitlesWarning } from '../CheckTitlesWarning';
import { ExemptionApproval } from '../ExemptionApproval';
import { ExemptionStateText } from '../ExemptionStateText';
import { cardTableOptions } from '../cardTableOptions';

/** Every exemption of the product, active, expired or revoked. */
export function ProductExemptionsCard() {
  const { entity } = useEntity();
  const governanceApi = useApi(governanceApiRef);
  const exemptions = useAsync(
    () =>
      listTitledExemptions(governanceApi, {
        entityRef: stringifyEntityRef(entity),
        state: 'all',
      }),
    [governanceApi, entity],
  );
  const columns: TableColumn<TitledExemption>[] = [
    { title: 'Check', field: 'checkTitle' },
    { title: 'Justification', field: 'justification', sorting: false },
    {
      title: 'Approver',
      field: 'approver',
      render: exemption => <ExemptionApproval exemption={exemption} />,
    },
    {
      title: 'Expires (UTC)',
      field: 'expiresAt',
      render: exemption =>
        new Date(exemption.expiresAt).toISOString().slice(0, 10),
    },
    {
      title: 'State',
      field: 'state',
      render: exemption => <ExemptionStateText exemption={exemption} />,
    },
    // What revoking it through the API names, and what a superseded one's
    // reason points at.
    { title: 'Id', field: 'id', sorting: false },
  ];
  return (
    <AsyncInfoCard title="Exemptions" state={exemptions} noPadding>
      {value => (
        <>
          <CheckTitlesWarning error={value.titlesError} />
          <Table<TitledExemption>
            columns={columns}
            data={value.exemptions}
            options={cardTableOptions}
            emptyContent="No exemptions for this product."
          />
        </>
      )}
    </AsyncInfoCard>
  );
}
