import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Typography,
} from '@material-ui/core';
import { FormEvent, ReactNode, useState } from 'react';
import { errorMessageOf } from '../../api';
import { useErrorTextStyles } from '@meshwork/plugin-data-products-react';

/**
 * A dialog around a form that asks the governance backend for one change.
 * While it runs the buttons wait; when it fails the dialog stays open with
 * what the form holds and says why, so nothing typed is lost.
 */
export function ExemptionFormDialog(props: {
  title: string;
  submitLabel: string;
  open: boolean;
  /** False while the form is not complete. */
  canSubmit: boolean;
  /** The change; the dialog is closed by its caller once it succeeded. */
  onSubmit: () => Promise<void>;
  onClose: () => void;
  children: ReactNode;
}) {
  const { title, submitLabel, open, canSubmit, onSubmit, onClose, children } =
    props;
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string>();
  const errorText = useErrorTextStyles();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitting(true);
    setError(undefined);
    try {
      await onSubmit();
    } catch (e) {
      setError(errorMessageOf(e));
    } finally {
      setSubmitting(false);
    }
  };
  const close = () => {
    setError(undefined);
    onClose();
  };

  return (
    <Dialog
      open={open}
      onClose={submitting ? undefined : close}
      aria-labelledby="exemption-form-dialog-title"
      fullWidth
      maxWidth="sm"
    >
      <form onSubmit={submit} noValidate>
        <DialogTitle id="exemption-form-dialog-title">{title}</DialogTitle>
        <DialogContent>
          {children}
          {error && (
            <Typography role="alert" className={errorText.root}>
              {error}
            </Typography>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={close} disabled={submitting}>
            Cancel
          </Button>
          <Button
            type="submit"
            color="primary"
            variant="contained"
            disabled={!canSubmit || submitting}
          >
            {submitLabel}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
