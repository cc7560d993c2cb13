import { parseEntityRef } from '@backstage/catalog-model';
import { identityApiRef, useApi } from '@backstage/frontend-plugin-api';
import { MenuItem, TextField, Typography } from '@material-ui/core';
import {
  MAX_EXEMPTION_DAYS,
  StoredExemption,
  utcMinute,
} from '@meshwork/plugin-governance-common';
import { useEffect, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { governanceApiRef } from '../../api';
import { ExemptionFormDialog } from '../ExemptionFormDialog';

const DAY_MS = 24 * 60 * 60 * 1000;
const DEFAULT_DAYS = 30;

/** The UTC date `days` after `from` (now), as a date input holds it. */
const utcDateIn = (days: number, from = Date.now()) =>
  new Date(from + days * DAY_MS).toISOString().slice(0, 10);

type CheckOption = { id: string; label: string; failing: boolean };

/**
 * The checks an exemption may waive, the product's failing ones first and
 * marked so: waiving a passing check is allowed (ahead of a change) but is
 * rarely what is meant.
 */
function useCheckOptions(entityRef: string, open: boolean) {
  const governanceApi = useApi(governanceApiRef);
  return useAsync(async (): Promise<CheckOption[]> => {
    if (!open) return [];
    const [checks, scorecard] = await Promise.all([
      governanceApi.listChecks(),
      governanceApi.getScorecard(parseEntityRef(entityRef)),
    ]);
    const statusOf = new Map(
      scorecard?.checks.map(check => [check.id, check.status]),
    );
    return checks
      .map(check => {
        const status = statusOf.get(check.id);
        return {
          id: check.id,
          label: status ? `${check.title} (${status})` : check.title,
          failing: status === 'fail',
        };
      })
      .sort((a, b) => Number(b.failing) - Number(a.failing));
  }, [governanceApi, entityRef, open]);
}

/**
 * Grants an exemption of the product: which check, why, who approved it
 * (the signed-in user unless they name another) and through which day, UTC,
 * at most a year ahead. Each opening starts from these defaults, with the
 * check and justification of `extending` when it extends one. `inForce`
 * are the product's exemptions in force: a grant for one of their checks
 * replaces it, which the dialog says before it is sent.
 */
export function GrantExemptionDialog(props: {
  entityRef: string;
  inForce: StoredExemption[];
  extending?: StoredExemption;
  open: boolean;
  onClose: () => void;
  onGranted: (exemption: StoredExemption) => void;
}) {
  const { entityRef, inForce, extending, open, onClose, onGranted } = props;
  const governanceApi = useApi(governanceApiRef);
  const identityApi = useApi(identityApiRef);
  const options = useCheckOptions(entityRef, open);
  const identity = useAsync(
    () => identityApi.getBackstageIdentity(),
    [identityApi],
  );
  const [checkId, setCheckId] = useState('');
  const [justification, setJustification] = useState('');
  const [approver, setApprover] = useState('');
  const [expiresOn, setExpiresOn] = useState('');
  const userEntityRef = identity.value?.userEntityRef ?? '';
  useEffect(() => {
    if (!open) return;
    setCheckId(extending?.checkId ?? '');
    setJustification(extending?.justification ?? '');
    setApprover('');
    // An extension runs on from the end of the one it replaces.
    const ends = extending ? Date.parse(extending.expiresAt) : 0;
    const proposed = utcDateIn(DEFAULT_DAYS, Math.max(Date.now(), ends));
    const latestDate = utcDateIn(MAX_EXEMPTION_DAYS - 1);
    setExpiresOn(proposed < latestDate ? proposed : latestDate);
  }, [open, extending]);
  // Apart: the signed-in user may be known only after the form is filled
  // in, and then fills the approver alone, if still empty.
  useEffect(() => {
    if (open) setApprover(current => current || userEntityRef);
  }, [open, userEntityRef]);

  const earliest = utcDateIn(0);
  const latest = utcDateIn(MAX_EXEMPTION_DAYS - 1);
  const replaced = inForce.find(exemption => exemption.checkId === checkId);
  // Only a check among the options is shown: there are none while they load
  // (an extension's check is chosen by then) or once closing clears them,
  // and Material-UI warns of a value that is not one of them.
  const shownCheckId = options.value?.some(option => option.id === checkId)
    ? checkId
    : '';
  const grant = async () => {
    onGranted(
      await governanceApi.grantExemption({
        entityRef,
        checkId,
        justification,
        approver: approver.trim(),
        // Valid through the whole of the chosen day, its last second too:
        // an exemption is in force while its end is still ahead.
        expiresAt: `${expiresOn}T23:59:59.999Z`,
      }),
    );
  };

  return (
    <ExemptionFormDialog
      title={extending ? 'Extend an exemption' : 'Grant an exemption'}
      submitLabel={extending ? 'Extend' : 'Grant'}
      open={open}
      canSubmit={Boolean(
        shownCheckId &&
          justification.trim() &&
          approver.trim() &&
          expiresOn >= earliest &&
          expiresOn <= latest,
      )}
      onSubmit={grant}
      onClose={onClose}
    >
      <TextField
        select
        id="exemption-check"
        label="Check"
        value={shownCheckId}
        onChange={event => setCheckId(event.target.value as string)}
        helperText={
          options.error
            ? `Checks could not be loaded: ${options.error.message}`
            : 'The check this product is excused from until the exemption ends'
        }
        error={Boolean(options.error)}
        fullWidth
        margin="normal"
        required
      >
        {(options.value ?? []).map(option => (
          <MenuItem key={option.id} value={option.id}>
            {option.label}
          </MenuItem>
        ))}
      </TextField>
      {replaced && (
        <Typography role="note" variant="body2">
          Replaces the exemption in force until {utcMinute(replaced.expiresAt)}{' '}
          ({replaced.id}), which is revoked as superseded.
        </Typography>
      )}
      <TextField
        id="exemption-justification"
        label="Justification"
        value={justification}
        onChange={event => setJustification(event.target.value)}
        helperText="Why the check is waived, and what will fix it"
        inputProps={{ maxLength: 2000 }}
        fullWidth
        multiline
        minRows={3}
        margin="normal"
        required
      />
      <TextField
        id="exemption-approver"
        label="Approver"
        value={approver}
        onChange={event => setApprover(event.target.value)}
        helperText="You, or a user or group in the catalog, e.g. group:default/data-platform"
        fullWidth
        margin="normal"
        required
      />
      <TextField
        id="exemption-expires-on"
        label="Expires on (UTC)"
        type="date"
        value={expiresOn}
        onChange={event => setExpiresOn(event.target.value)}
        helperText="In force through this day, at most a year ahead"
        inputProps={{ min: earliest, max: latest }}
        error={
          Boolean(expiresOn) && (expiresOn < earliest || expiresOn > latest)
        }
        InputLabelProps={{ shrink: true }}
        fullWidth
        margin="normal"
        required
      />
    </ExemptionFormDialog>
  );
}
