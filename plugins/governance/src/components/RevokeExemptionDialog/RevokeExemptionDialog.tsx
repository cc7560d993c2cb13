import { ResponseError } from '@backstage/errors';
import { useApi } from '@backstage/frontend-plugin-api';
import { TextField, Typography } from '@material-ui/core';
import {
  utcMinute,
  type StoredExemption,
} from '@meshwork/plugin-governance-common';
import { useEffect, useState } from 'react';
import { governanceApiRef, type TitledExemption } from '../../api';
import { ExemptionFormDialog } from '../ExemptionFormDialog';

/** Revoked or superseded meanwhile, or gone: what lists it is out of date. */
const STALE_STATUSES = [404, 409];

/**
 * Revokes `exemption` (open while there is one), saying why; the reason
 * starts empty for each exemption. `onStale` is told when the backend
 * answers that the exemption is no longer in force.
 */
export function RevokeExemptionDialog(props: {
  exemption?: TitledExemption;
  onClose: () => void;
  onRevoked: (exemption: StoredExemption) => void;
  onStale: () => void;
}) {
  const { exemption, onClose, onRevoked, onStale } = props;
  const governanceApi = useApi(governanceApiRef);
  const [reason, setReason] = useState('');
  useEffect(() => setReason(''), [exemption?.id]);

  const revoke = async () => {
    try {
      onRevoked(await governanceApi.revokeExemption(exemption!.id, reason));
    } catch (error) {
      if (
        ResponseError.is(error) &&
        STALE_STATUSES.includes(error.statusCode)
      ) {
        onStale();
      }
      throw error;
    }
  };

  return (
    <ExemptionFormDialog
      title="Revoke an exemption"
      submitLabel="Revoke"
      open={Boolean(exemption)}
      canSubmit={Boolean(reason.trim())}
      onSubmit={revoke}
      onClose={onClose}
    >
      {exemption && (
        <Typography>
          {`${exemption.checkTitle}, exempt until ${utcMinute(
            exemption.expiresAt,
          )}: the check counts again from now.`}
        </Typography>
      )}
      <TextField
        id="revocation-reason"
        label="Reason"
        value={reason}
        onChange={event => setReason(event.target.value)}
        helperText="Kept with the exemption, for its audit trail"
        inputProps={{ maxLength: 2000 }}
        fullWidth
        multiline
        minRows={2}
        margin="normal"
        required
      />
    </ExemptionFormDialog>
  );
}
