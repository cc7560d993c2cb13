import { parseEntityRef } from '@backstage/catalog-model';
import { Link, Table, TableColumn } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import { EntityRefLink, entityRouteRef } from '@backstage/plugin-catalog-react';
import { utcMinute } from '@meshwork/plugin-governance-common';
import useAsync from 'react-use/esm/useAsync';
import {
  governanceApiRef,
  listTitledExemptions,
  type TitledExemption,
} from '../../api';
import { AsyncInfoCard } from '../AsyncInfoCard';
import { CheckTitlesWarning } from '../CheckTitlesWarning';
import { ExemptionApproval } from '../ExemptionApproval';
import { cardTableOptions } from '../cardTableOptions';

const WITHIN_DAYS = 30;
const HOUR_MS = 60 * 60 * 1000;

/**
 * `2026-12-01 23:59 UTC (in 3 days)`: the end in UTC, as the exemption was
 * granted through a UTC day (in a zone ahead of UTC its local time falls on
 * the next day), and how soon it is, never more than is left (whole days,
 * or whole hours within a day, rounded down).
 */
export function expiryOf(expiresAt: string, now: number): string {
  const ms = Date.parse(expiresAt) - now;
  const hours = Math.floor(ms / HOUR_MS);
  const days = Math.floor(hours / 24);
  let left = `in ${days} ${days === 1 ? 'day' : 'days'}`;
  if (ms <= 0) left = 'expired';
  else if (hours < 1) left = 'in under an hour';
  else if (hours < 24) left = `in ${hours} h`;
  return `${utcMinute(expiresAt)} (${left})`;
}

/** Active exemptions that lapse within 30 days, soonest first. */
export function ExpiringExemptionsCard() {
  const governanceApi = useApi(governanceApiRef);
  const exemptions = useAsync(
    () =>
      listTitledExemptions(governanceApi, {
        state: 'active',
        expiringWithinDays: WITHIN_DAYS,
      }),
    [governanceApi],
  );
  const entityRoute = useRouteRef(entityRouteRef);
  const now = Date.now();
  const columns: TableColumn<TitledExemption>[] = [
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
    {
      title: 'Check',
      field: 'checkTitle',
      // To the product's Governance tab, where it is extended or revoked.
      render: exemption => {
        const entityPath = entityRoute?.(parseEntityRef(exemption.entityRef));
        return entityPath ? (
          <Link to={`${entityPath}/governance`}>{exemption.checkTitle}</Link>
        ) : (
          exemption.checkTitle
        );
      },
    },
    { title: 'Justification', field: 'justification', sorting: false },
    {
      title: 'Approver',
      field: 'approver',
      render: exemption => <ExemptionApproval exemption={exemption} />,
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
        <>
          <CheckTitlesWarning error={value.titlesError} />
          <Table<TitledExemption>
            columns={columns}
            data={value.exemptions}
            options={cardTableOptions}
            emptyContent={`No exemption expires within ${WITHIN_DAYS} days.`}
          />
        </>
      )}
    </AsyncInfoCard>
  );
}
