import { utcMinute } from '@meshwork/plugin-governance-common';
import type { StoredExemption } from '@meshwork/plugin-governance-common';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import type { TitledExemption } from '../../api';
import { backendError } from '../../__testUtils__/backendError';
import { productExemptions } from '../../__testUtils__/fixtures';
import { renderWithGovernance } from '../../__testUtils__/renderWithGovernance';
import { RevokeExemptionDialog } from './RevokeExemptionDialog';

describe('RevokeExemptionDialog', () => {
  it('names the exemption and revokes it with the reason given', async () => {
    const exemption = { ...productExemptions()[0], checkTitle: 'Runbook' };
    const asked: unknown[] = [];
    const revoked: StoredExemption[] = [];
    const answer = { ...exemption, state: 'revoked' as const };
    await renderWithGovernance(
      <RevokeExemptionDialog
        exemption={exemption}
        onClose={() => {}}
        onRevoked={e => revoked.push(e)}
        onStale={() => {}}
      />,
      {
        revokeExemption: async (id, reason) => {
          asked.push({ id, reason });
          return answer;
        },
      },
    );
    expect(screen.getByRole('dialog')).toHaveTextContent(
      `Runbook, exempt until ${utcMinute(exemption.expiresAt)}:`,
    );
    const revoke = screen.getByRole('button', { name: 'Revoke' });
    expect(revoke).toBeDisabled();
    fireEvent.change(screen.getByLabelText(/Reason/), {
      target: { value: '   ' },
    });
    expect(revoke).toBeDisabled();
    fireEvent.change(screen.getByLabelText(/Reason/), {
      target: { value: 'Runbook written.' },
    });
    fireEvent.click(revoke);
    await waitFor(() => expect(revoked).toEqual([answer]));
    expect(asked).toEqual([{ id: exemption.id, reason: 'Runbook written.' }]);
  });

  it('is closed while no exemption is chosen', async () => {
    await renderWithGovernance(
      <RevokeExemptionDialog
        onClose={() => {}}
        onRevoked={() => {}}
        onStale={() => {}}
      />,
    );
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('starts with no reason for another exemption', async () => {
    const [first, second] = productExemptions().map(e => ({
      ...e,
      checkTitle: e.checkId,
    }));
    function Harness() {
      const [exemption, setExemption] = useState<TitledExemption>();
      return (
        <>
          <button onClick={() => setExemption(first)}>First</button>
          <button onClick={() => setExemption(second)}>Second</button>
          <RevokeExemptionDialog
            exemption={exemption}
            onClose={() => setExemption(undefined)}
            onRevoked={() => {}}
            onStale={() => {}}
          />
        </>
      );
    }
    await renderWithGovernance(<Harness />);
    fireEvent.click(screen.getByRole('button', { name: 'First' }));
    fireEvent.change(await screen.findByLabelText(/Reason/), {
      target: { value: 'Runbook written.' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Second' }));
    expect(await screen.findByLabelText(/Reason/)).toHaveValue('');
    expect(screen.getByRole('button', { name: 'Revoke' })).toBeDisabled();
  });

  it('tells its caller when the exemption was revoked meanwhile, and says so', async () => {
    const exemption = { ...productExemptions()[0], checkTitle: 'Runbook' };
    let stale = 0;
    const conflict = await backendError(
      409,
      'ConflictError',
      `Exemption ${exemption.id} was already revoked at 2026-12-01T00:00:00.000Z`,
    );
    await renderWithGovernance(
      <RevokeExemptionDialog
        exemption={exemption}
        onClose={() => {}}
        onRevoked={() => {}}
        onStale={() => {
          stale += 1;
        }}
      />,
      {
        revokeExemption: async () => {
          throw conflict;
        },
      },
    );
    fireEvent.change(screen.getByLabelText(/Reason/), {
      target: { value: 'Runbook written.' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Revoke' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'was already revoked at 2026-12-01',
    );
    expect(stale).toBe(1);
  });
});
