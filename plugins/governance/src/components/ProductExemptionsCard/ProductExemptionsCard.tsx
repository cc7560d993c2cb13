import {
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { Table, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import { Box, Button, Typography } from '@material-ui/core';
import {
  type ExemptionGrantors,
  governanceExemptionCreatePermission,
  utcMinute,
} from '@meshwork/plugin-governance-common';
import { useMemo, useState } from 'react';
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
import { GrantExemptionDialog } from '../GrantExemptionDialog';
import { RevokeExemptionDialog } from '../RevokeExemptionDialog';
import { cardTableOptions } from '../cardTableOptions';

/**
 * Why the user sees no Grant button, naming whom to ask; in general terms
 * when who may grant could not be read or none is configured.
 */
function cannotGrantMessage(grantors: ExemptionGrantors | undefined): string {
  const names = [grantors?.platformTeam, grantors?.domainOwner].filter(
    (name): name is string => Boolean(name),
  );
  const who = names.length
    ? `members of ${names.join(' or ')}`
    : "the platform team or the owner of this product's domain";
  return `You can't grant exemptions: only ${who} can.`;
}

/**
 * Every exemption of the product, active, expired or revoked; to the
 * platform team and the owner of the product's domain, buttons to grant
 * one, and to extend or revoke those in force; to anyone else, that they
 * may not and who may. `onChange` is told after either, once
 * the backend has scored the product again.
 */
export function ProductExemptionsCard(props: { onChange?: () => void }) {
  const { onChange } = props;
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const governanceApi = useApi(governanceApiRef);
  const permission = usePermission({
    permission: governanceExemptionCreatePermission,
    resourceRef: entityRef,
  });
  // Asked only of a user who may not grant, to say whom to ask.
  const grantors = useAsync(
    async () =>
      permission.loading || permission.allowed
        ? undefined
        : governanceApi.getExemptionGrantors(getCompoundEntityRef(entity)),
    [governanceApi, entity, permission.loading, permission.allowed],
  );
  const [version, setVersion] = useState(0);
  // A new grant, or one that extends an exemption in force.
  const [granting, setGranting] = useState<{ from?: TitledExemption }>();
  const [revoking, setRevoking] = useState<TitledExemption>();
  const exemptions = useAsync(
    () => listTitledExemptions(governanceApi, { entityRef, state: 'all' }),
    [governanceApi, entityRef, version],
  );
  const changed = () => {
    setGranting(undefined);
    setRevoking(undefined);
    setVersion(v => v + 1);
    onChange?.();
  };

  // Built once per permission: new render functions on every render (as
  // when who may grant arrives) make the table reset its sorting and paging.
  const columns = useMemo(() => {
    const all: TableColumn<TitledExemption>[] = [
      { title: 'Check', field: 'checkTitle' },
      { title: 'Justification', field: 'justification', sorting: false },
      {
        title: 'Approver',
        field: 'approver',
        render: exemption => <ExemptionApproval exemption={exemption} />,
      },
      {
        // A time, not a day: granted through the API, one may end at any.
        title: 'Expires',
        field: 'expiresAt',
        render: exemption => utcMinute(exemption.expiresAt),
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
    if (permission.allowed) {
      all.push({
        title: 'Actions',
        sorting: false,
        render: exemption =>
          exemption.state === 'active' && (
            <>
              <Button
                size="small"
                onClick={() => setGranting({ from: exemption })}
                aria-label={`Extend the ${exemption.checkTitle} exemption`}
              >
                Extend
              </Button>
              <Button
                size="small"
                onClick={() => setRevoking(exemption)}
                aria-label={`Revoke the ${exemption.checkTitle} exemption`}
              >
                Revoke
              </Button>
            </>
          ),
      });
    }
    return all;
  }, [permission.allowed]);
  let action;
  if (permission.allowed) {
    action = (
      <Button color="primary" onClick={() => setGranting({})}>
        Grant exemption
      </Button>
    );
  } else if (!permission.loading && !grantors.loading) {
    action = (
      <Typography variant="body2" color="textSecondary">
        {cannotGrantMessage(grantors.value)}
      </Typography>
    );
  }

  return (
    <>
      <AsyncInfoCard
        title="Exemptions"
        state={exemptions}
        noPadding
        action={action}
      >
        {value => (
          <>
            <CheckTitlesWarning error={value.titlesError} />
            <Table<TitledExemption>
              columns={columns}
              data={value.exemptions}
              options={cardTableOptions}
              emptyContent={
                // The card has no padding of its own, for the table's sake.
                <Box p={2}>
                  <Typography>No exemptions for this product.</Typography>
                </Box>
              }
            />
          </>
        )}
      </AsyncInfoCard>
      <GrantExemptionDialog
        entityRef={entityRef}
        inForce={(exemptions.value?.exemptions ?? []).filter(
          exemption => exemption.state === 'active',
        )}
        extending={granting?.from}
        open={Boolean(granting)}
        onClose={() => setGranting(undefined)}
        onGranted={changed}
      />
      <RevokeExemptionDialog
        exemption={revoking}
        onClose={() => setRevoking(undefined)}
        onRevoked={changed}
        onStale={() => setVersion(v => v + 1)}
      />
    </>
  );
}
