import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  AuthorizeResult,
  EvaluatePermissionRequest,
} from '@backstage/plugin-permission-common';
import {
  utcMinute,
  type ExemptionGrantors,
  type StoredExemption,
} from '@meshwork/plugin-governance-common';
import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import {
  productExemptions,
  returnsProduct,
} from '../../__testUtils__/fixtures';
import { outOfRangeWarnings } from '../../__testUtils__/outOfRangeWarnings';
import { renderWithGovernance } from '../../__testUtils__/renderWithGovernance';
import { GovernanceApi } from '../../api';
import { ProductExemptionsCard } from './ProductExemptionsCard';

function renderCard(
  listExemptions: GovernanceApi['listExemptions'],
  options: {
    api?: Partial<GovernanceApi>;
    authorize?: (
      request: EvaluatePermissionRequest,
    ) => AuthorizeResult.ALLOW | AuthorizeResult.DENY;
    onChange?: () => void;
  } = {},
) {
  return renderWithGovernance(
    <EntityProvider entity={returnsProduct}>
      <ProductExemptionsCard onChange={options.onChange} />
    </EntityProvider>,
    { listExemptions, ...options.api },
    { authorize: options.authorize },
  );
}

describe('ProductExemptionsCard', () => {
  // Its dialogs, typed into, take seconds on a busy machine (a CI run
  // beside other tests passed 5 s).
  jest.setTimeout(20_000);
  afterEach(() => jest.restoreAllMocks());

  it("lists every one of the product's exemptions, active first, in plain text", async () => {
    const asked: unknown[] = [];
    const listed = productExemptions();
    const [expired, revoked, active] = listed.map(e => utcMinute(e.expiresAt));
    await renderCard(async query => {
      asked.push(query);
      return listed;
    });
    const table = await screen.findByRole('table');
    const [header, ...rows] = within(table).getAllByRole('row');
    expect(
      within(header)
        .getAllByRole('columnheader')
        .map(cell => cell.textContent),
    ).toEqual([
      'Check',
      'Justification',
      'Approver',
      'Expires',
      'State',
      'Id',
      'Actions',
    ]);
    expect(
      rows.map(row =>
        within(row)
          .getAllByRole('cell')
          .map(cell => cell.textContent),
      ),
    ).toEqual([
      [
        'Runbook',
        'Runbook moves to the new wiki next sprint.',
        'ana',
        active,
        'active',
        'ex-3',
        'ExtendRevoke',
      ],
      // Then those no longer in force, the latest to end first.
      [
        'Columns classified',
        'Superseded by the <i>new</i> schema.',
        'maria, granted by ana',
        revoked,
        `revoked by maria on ${utcMinute(
          listed[1].revokedAt!,
        )}: Schema replaced.`,
        'ex-4',
        '',
      ],
      [
        'On-call declared',
        'On-call rota starts in January.',
        'platform, granted by ana',
        expired,
        'expired',
        'ex-5',
        '',
      ],
    ]);
    expect(table.querySelector('i')).toBeNull();
    expect(screen.getByRole('link', { name: 'platform' })).toHaveAttribute(
      'href',
      '/catalog/default/group/platform',
    );
    // Ana approved one herself and granted the other two.
    for (const link of screen.getAllByRole('link', { name: 'ana' })) {
      expect(link).toHaveAttribute('href', '/catalog/default/user/ana');
    }
    expect(
      screen.getByRole('heading', { level: 2, name: 'Exemptions' }),
    ).toBeInTheDocument();
    expect(asked).toEqual([
      { entityRef: 'dataproduct:default/returns', state: 'all' },
    ]);
  });

  it('says when the product has no exemptions, inset from the edge of the card', async () => {
    await renderCard(async () => []);
    const empty = await screen.findByText('No exemptions for this product.');
    // The card gives a table no padding: the message brings its own.
    expect(getComputedStyle(empty.parentElement!).padding).toBe('16px');
  });

  it('says whom to ask in general terms when who may grant cannot be read', async () => {
    await renderCard(async () => [], {
      api: {
        getExemptionGrantors: async () => {
          throw new Error('grantors unavailable');
        },
      },
      authorize: () => AuthorizeResult.DENY,
    });
    expect(
      await screen.findByText(
        "You can't grant exemptions: only the platform team or the owner of this product's domain can.",
      ),
    ).toBeInTheDocument();
  });

  it('keeps its columns when who may grant arrives after the table', async () => {
    // material-table checks its columns only in development.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'development';
    const warn = jest.spyOn(console, 'warn');
    let grantorsAnswer = (_: ExemptionGrantors) => {};
    try {
      await renderCard(async () => productExemptions(), {
        api: {
          getExemptionGrantors: () =>
            new Promise(resolve => {
              grantorsAnswer = resolve;
            }),
        },
        authorize: () => AuthorizeResult.DENY,
      });
      await screen.findByRole('table');
      await act(async () =>
        grantorsAnswer({ platformTeam: 'group:default/data-platform' }),
      );
      await screen.findByText(/^You can't grant exemptions/);
    } finally {
      process.env.NODE_ENV = nodeEnv;
    }
    expect(warn).not.toHaveBeenCalledWith(
      expect.stringContaining('columns provided to material table are static'),
    );
  });

  it('shows the error when the backend fails', async () => {
    await renderCard(async () => {
      throw new Error('exemptions unavailable');
    });
    expect(
      (await screen.findAllByText(/exemptions unavailable/)).length,
    ).toBeGreaterThan(0);
    expect(
      screen.getByRole('heading', { name: 'Exemptions' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('lets no one the policy denies grant or revoke, asking about this product', async () => {
    const asked: EvaluatePermissionRequest[] = [];
    await renderCard(async () => productExemptions(), {
      authorize: request => {
        asked.push(request);
        return AuthorizeResult.DENY;
      },
    });
    const table = await screen.findByRole('table');
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map(cell => cell.textContent),
    ).not.toContain('Actions');
    expect(
      screen.queryByRole('button', { name: /^(Revoke|Extend)/ }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Grant exemption' }),
    ).not.toBeInTheDocument();
    expect(
      await screen.findByText(
        "You can't grant exemptions: only members of group:default/data-platform or group:default/logistics-data can.",
      ),
    ).toBeInTheDocument();
    expect(asked.length).toBeGreaterThan(0);
    for (const request of asked) {
      expect(request).toMatchObject({
        permission: { name: 'governance.exemption.create' },
        resourceRef: 'dataproduct:default/returns',
      });
    }
  });

  it('grants an exemption, then lists it and tells the page the product was scored again', async () => {
    const warnings = outOfRangeWarnings();
    let stored = productExemptions().slice(1);
    const granted = { ...productExemptions()[0], id: 'ex-9' };
    let changes = 0;
    await renderCard(async () => stored, {
      api: {
        grantExemption: async () => {
          stored = [granted, ...stored];
          return granted;
        },
      },
      onChange: () => {
        changes += 1;
      },
    });
    await screen.findByRole('table');
    expect(screen.queryByText('ex-9')).not.toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Grant exemption' }));
    fireEvent.mouseDown(await screen.findByRole('button', { name: /Check/ }));
    fireEvent.click(await screen.findByRole('option', { name: 'Runbook' }));
    fireEvent.change(screen.getByLabelText(/Justification/), {
      target: { value: 'Wiki move.' },
    });
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Grant' })).toBeEnabled(),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Grant' }));
    expect(await screen.findByText('ex-9')).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(changes).toBe(1);
    // The closing dialog's check is no longer among its options.
    expect(warnings()).toEqual([]);
  });

  it('revokes only exemptions in force', async () => {
    let stored = productExemptions();
    const revokedIds: string[] = [];
    const revokedAt = new Date().toISOString();
    await renderCard(async () => stored, {
      api: {
        revokeExemption: async (id, reason) => {
          revokedIds.push(id);
          const revoked: StoredExemption = {
            ...stored.find(e => e.id === id)!,
            state: 'revoked',
            revokedAt,
            revokedBy: 'user:default/guest',
            revocationReason: reason,
          };
          stored = stored.map(e => (e.id === id ? revoked : e));
          return revoked;
        },
      },
    });
    await screen.findByRole('table');
    expect(
      screen.getAllByRole('button', { name: /^Revoke the / }),
    ).toHaveLength(1);
    fireEvent.click(
      screen.getByRole('button', { name: 'Revoke the Runbook exemption' }),
    );
    fireEvent.change(screen.getByLabelText(/Reason/), {
      target: { value: 'Runbook written.' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Revoke' }));
    await waitFor(() =>
      expect(screen.getByText('ex-3').closest('tr')).toHaveTextContent(
        `revoked by guest on ${utcMinute(revokedAt)}: Runbook written.`,
      ),
    );
    expect(revokedIds).toEqual(['ex-3']);
    expect(
      screen.queryByRole('button', { name: /^Revoke the / }),
    ).not.toBeInTheDocument();
  });

  it('extends only exemptions in force, from the one chosen', async () => {
    await renderCard(async () => productExemptions());
    await screen.findByRole('table');
    expect(
      screen.getAllByRole('button', { name: /^Extend the / }),
    ).toHaveLength(1);
    fireEvent.click(
      screen.getByRole('button', { name: 'Extend the Runbook exemption' }),
    );
    expect(
      await screen.findByRole('dialog', { name: 'Extend an exemption' }),
    ).toBeInTheDocument();
    expect(screen.getByLabelText(/Justification/)).toHaveValue(
      'Runbook moves to the new wiki next sprint.',
    );
  });
});
