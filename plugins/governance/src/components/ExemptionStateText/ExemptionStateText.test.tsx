import { screen } from '@testing-library/react';
import { renderWithGovernance } from '../../__testUtils__/renderWithGovernance';
import { ExemptionStateText } from './ExemptionStateText';

describe('ExemptionStateText', () => {
  it('says who revoked an exemption, when (in UTC, as its end is shown) and why, in plain text', async () => {
    const { container } = await renderWithGovernance(
      <ExemptionStateText
        exemption={{
          state: 'revoked',
          revokedAt: '2026-11-20T09:30:00.000Z',
          revokedBy: 'user:default/ana',
          revocationReason: 'Superseded by exemption <b>e-2</b>',
        }}
      />,
    );
    expect(container.textContent).toBe(
      'revoked by ana on 2026-11-20 09:30 UTC: Superseded by exemption <b>e-2</b>',
    );
    expect(screen.getByRole('link', { name: 'ana' })).toHaveAttribute(
      'href',
      '/catalog/default/user/ana',
    );
    expect(container.querySelector('b')).toBeNull();
  });

  it('shows an active or expired exemption by its state alone', async () => {
    const { container } = await renderWithGovernance(
      <ExemptionStateText exemption={{ state: 'expired' }} />,
    );
    expect(container.textContent).toBe('expired');
    expect(screen.queryByRole('link')).toBeNull();
  });
});
