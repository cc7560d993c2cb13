import { screen } from '@testing-library/react';
import { renderWithGovernance } from '../../__testUtils__/renderWithGovernance';
import { ExemptionApproval } from './ExemptionApproval';

describe('ExemptionApproval', () => {
  it('names who granted an exemption when the approver is someone else', async () => {
    await renderWithGovernance(
      <ExemptionApproval
        exemption={{
          approver: 'group:default/data-platform',
          createdBy: 'user:default/oliver.bennett',
        }}
      />,
    );
    expect(screen.getByRole('link', { name: 'data-platform' })).toHaveAttribute(
      'href',
      '/catalog/default/group/data-platform',
    );
    expect(screen.getByText(/granted by/)).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'oliver.bennett' }),
    ).toHaveAttribute('href', '/catalog/default/user/oliver.bennett');
  });

  it('names the approver once when they granted it themselves', async () => {
    await renderWithGovernance(
      <ExemptionApproval
        exemption={{
          approver: 'user:default/ana',
          createdBy: 'User:default/Ana',
        }}
      />,
    );
    expect(screen.getAllByRole('link')).toHaveLength(1);
    expect(screen.queryByText(/granted by/)).toBeNull();
  });
});
