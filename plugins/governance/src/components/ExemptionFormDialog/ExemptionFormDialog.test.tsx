import { TextField } from '@material-ui/core';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { backendError } from '../../__testUtils__/backendError';
import { renderWithGovernance } from '../../__testUtils__/renderWithGovernance';
import { ExemptionFormDialog } from './ExemptionFormDialog';
import {
  contrastOf,
  inAppTheme,
} from '@meshwork/plugin-data-products-react/testUtils';

/** The dialog over one text field, as its callers use it. */
function Form(props: { onSubmit: () => Promise<void>; onClose: () => void }) {
  const [text, setText] = useState('');
  return (
    <ExemptionFormDialog
      title="Revoke an exemption"
      submitLabel="Revoke"
      open
      canSubmit={Boolean(text)}
      onSubmit={props.onSubmit}
      onClose={props.onClose}
    >
      <TextField
        id="reason"
        label="Reason"
        value={text}
        onChange={event => setText(event.target.value)}
      />
    </ExemptionFormDialog>
  );
}

describe('ExemptionFormDialog', () => {
  it("submits only a complete form, and says what the backend refused in the backend's words, keeping what was typed", async () => {
    const error = await backendError(400, 'InputError', 'reason: must say why');
    let submits = 0;
    await renderWithGovernance(
      <Form
        onSubmit={async () => {
          submits += 1;
          throw error;
        }}
        onClose={() => {}}
      />,
    );
    const submit = screen.getByRole('button', { name: 'Revoke' });
    expect(submit).toBeDisabled();
    fireEvent.change(screen.getByLabelText('Reason'), {
      target: { value: 'Replaced' },
    });
    fireEvent.click(submit);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      /^reason: must say why$/,
    );
    expect(submits).toBe(1);
    expect(screen.getByLabelText('Reason')).toHaveValue('Replaced');
    expect(
      screen.getByRole('dialog', { name: 'Revoke an exemption' }),
    ).toBeInTheDocument();
  });

  it('waits for the change before it can be sent again, and closes on cancel', async () => {
    let finish = () => {};
    let closed = 0;
    await renderWithGovernance(
      <Form
        onSubmit={() =>
          new Promise<void>(resolve => {
            finish = resolve;
          })
        }
        onClose={() => {
          closed += 1;
        }}
      />,
    );
    fireEvent.change(screen.getByLabelText('Reason'), {
      target: { value: 'Replaced' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Revoke' }));
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Revoke' })).toBeDisabled(),
    );
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeDisabled();
    finish();
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Revoke' })).toBeEnabled(),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(closed).toBe(1);
  });

  describe.each(['light', 'dark'])('in the %s theme', themeId => {
    inAppTheme(themeId);

    it('says what the backend refused in a red that reads (4.5:1) on the dialog', async () => {
      const error = await backendError(
        400,
        'InputError',
        'reason: must say why',
      );
      await renderWithGovernance(
        <Form
          onSubmit={async () => {
            throw error;
          }}
          onClose={() => {}}
        />,
      );
      fireEvent.change(screen.getByLabelText('Reason'), {
        target: { value: 'Replaced' },
      });
      fireEvent.click(screen.getByRole('button', { name: 'Revoke' }));
      expect(
        contrastOf(await screen.findByRole('alert')),
      ).toBeGreaterThanOrEqual(4.5);
    });
  });
});
