import {
  utcMinute,
  type ExemptionRequest,
  type Scorecard,
  type StoredExemption,
} from '@meshwork/plugin-governance-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { useState } from 'react';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { releasable } from '@meshwork/plugin-data-products-react/testUtils';
import {
  checks,
  fakeGovernanceApi,
  productExemptions,
  utcDate,
} from '../../__testUtils__/fixtures';
import { outOfRangeWarnings } from '../../__testUtils__/outOfRangeWarnings';
import { renderWithGovernance } from '../../__testUtils__/renderWithGovernance';
import { GovernanceApi, governanceApiRef } from '../../api';
import { GrantExemptionDialog } from './GrantExemptionDialog';

const check = (id: string, title: string, status: 'pass' | 'fail') => ({
  id,
  title,
  category: 'ownership' as const,
  severity: 'warning' as const,
  status,
  message: '',
  remediation: '',
});

const scorecard: Scorecard = {
  entityRef: 'dataproduct:default/returns',
  score: 80,
  level: 'silver',
  evaluatedAt: '2026-12-01T05:00:00.000Z',
  checks: [
    check('owner-is-group', 'Owned by a team', 'pass'),
    check('runbook-present', 'Runbook', 'fail'),
  ],
};

/**
 * The dialog behind an "Open" button, as the exemptions card has it:
 * Cancel closes it, a grant too.
 */
function Harness(props: {
  inForce: StoredExemption[];
  extending?: StoredExemption;
  onGranted: (exemption: StoredExemption) => void;
}) {
  const [open, setOpen] = useState(true);
  return (
    <>
      <button onClick={() => setOpen(true)}>Open</button>
      <GrantExemptionDialog
        entityRef="dataproduct:default/returns"
        inForce={props.inForce}
        extending={props.extending}
        open={open}
        onClose={() => setOpen(false)}
        onGranted={exemption => {
          setOpen(false);
          props.onGranted(exemption);
        }}
      />
    </>
  );
}

async function renderDialog(
  overrides: Partial<GovernanceApi>,
  inForce: StoredExemption[] = [],
  extending?: StoredExemption,
) {
  const granted: StoredExemption[] = [];
  await renderWithGovernance(
    <Harness
      inForce={inForce}
      extending={extending}
      onGranted={exemption => granted.push(exemption)}
    />,
    { getScorecard: async () => scorecard, ...overrides },
  );
  await waitFor(() =>
    expect(screen.getByLabelText(/Approver/)).toHaveValue('user:default/guest'),
  );
  return granted;
}

async function listedChecks() {
  fireEvent.mouseDown(screen.getByRole('button', { name: /Check/ }));
  return within(await screen.findByRole('listbox'))
    .getAllByRole('option')
    .map(option => option.textContent);
}

async function chooseCheck(label: string) {
  fireEvent.mouseDown(screen.getByRole('button', { name: /Check/ }));
  fireEvent.click(await screen.findByRole('option', { name: label }));
}

describe('GrantExemptionDialog', () => {
  afterEach(() => jest.restoreAllMocks());

  it("offers the product's failing checks first, marked with how they fare", async () => {
    const asked: unknown[] = [];
    await renderDialog({
      getScorecard: async ref => {
        asked.push(ref);
        return scorecard;
      },
    });
    const options = await listedChecks();
    expect(options.slice(0, 3)).toEqual([
      'Runbook (fail)',
      'Owned by a team (pass)',
      'On-call declared',
    ]);
    expect(options).toHaveLength(checks.length);
    expect(asked).toEqual([
      { kind: 'dataproduct', namespace: 'default', name: 'returns' },
    ]);
  });

  it('grants the chosen check, approved by the signed-in user, through the whole of the chosen UTC day', async () => {
    const requests: ExemptionRequest[] = [];
    const stored = productExemptions()[0];
    const granted = await renderDialog({
      grantExemption: async request => {
        requests.push(request);
        return stored;
      },
    });
    expect(screen.getByLabelText(/Expires on/)).toHaveValue(utcDate(30));
    const grant = screen.getByRole('button', { name: 'Grant' });
    expect(grant).toBeDisabled();

    await chooseCheck('Runbook (fail)');
    fireEvent.change(screen.getByLabelText(/Justification/), {
      target: { value: 'The runbook moves to the new wiki next sprint.' },
    });
    // Cleared, then typed: what was typed, trimmed, not the default again.
    fireEvent.change(screen.getByLabelText(/Approver/), {
      target: { value: '' },
    });
    fireEvent.change(screen.getByLabelText(/Approver/), {
      target: { value: 'group:default/data-platform ' },
    });
    fireEvent.change(screen.getByLabelText(/Expires on/), {
      target: { value: '2027-01-31' },
    });
    fireEvent.click(grant);

    await waitFor(() => expect(granted).toEqual([stored]));
    expect(requests).toEqual([
      {
        entityRef: 'dataproduct:default/returns',
        checkId: 'runbook-present',
        justification: 'The runbook moves to the new wiki next sprint.',
        approver: 'group:default/data-platform',
        expiresAt: '2027-01-31T23:59:59.999Z',
      },
    ]);
  });

  it('keeps the form and says why when the backend refuses it', async () => {
    const granted = await renderDialog({
      grantExemption: async () => {
        throw new Error('approver: expected a user or group entity ref');
      },
    });
    await chooseCheck('Runbook (fail)');
    fireEvent.change(screen.getByLabelText(/Justification/), {
      target: { value: 'Wiki move.' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Grant' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'approver: expected a user or group entity ref',
    );
    expect(screen.getByLabelText(/Justification/)).toHaveValue('Wiki move.');
    expect(granted).toEqual([]);
  });

  it('offers every check, unmarked, for a product not scored yet', async () => {
    await renderDialog({ getScorecard: async () => undefined });
    const options = await listedChecks();
    expect(options.slice(0, 2)).toEqual([
      'Owned by a team',
      'On-call declared',
    ]);
  });

  it('says which exemption in force a grant for the same check replaces', async () => {
    const inForce = productExemptions().filter(e => e.state === 'active');
    await renderDialog({}, inForce);
    expect(screen.queryByRole('note')).not.toBeInTheDocument();
    await chooseCheck('Runbook (fail)');
    expect(screen.getByRole('note')).toHaveTextContent(
      `Replaces the exemption in force until ${utcMinute(
        inForce[0].expiresAt,
      )} (${inForce[0].id}), which is revoked as superseded.`,
    );
    await chooseCheck('Owned by a team (pass)');
    expect(screen.queryByRole('note')).not.toBeInTheDocument();
  });

  it('sends no expiry before today or more than a year ahead', async () => {
    await renderDialog({});
    await chooseCheck('Runbook (fail)');
    fireEvent.change(screen.getByLabelText(/Justification/), {
      target: { value: 'Wiki move.' },
    });
    const grant = screen.getByRole('button', { name: 'Grant' });
    for (const [date, enabled] of [
      [utcDate(-1), false],
      [utcDate(0), true],
      [utcDate(365), true],
      [utcDate(366), false],
    ] as const) {
      fireEvent.change(screen.getByLabelText(/Expires on/), {
        target: { value: date },
      });
      expect({ date, enabled: !(grant as HTMLButtonElement).disabled }).toEqual(
        { date, enabled },
      );
    }
  });

  it('starts each opening afresh, whatever the last one held', async () => {
    await renderDialog({});
    await chooseCheck('Runbook (fail)');
    fireEvent.change(screen.getByLabelText(/Justification/), {
      target: { value: 'Wiki move.' },
    });
    fireEvent.change(screen.getByLabelText(/Approver/), {
      target: { value: 'group:default/data-platform' },
    });
    fireEvent.change(screen.getByLabelText(/Expires on/), {
      target: { value: utcDate(90) },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Open' }));
    expect(await screen.findByLabelText(/Justification/)).toHaveValue('');
    expect(screen.getByLabelText(/Approver/)).toHaveValue('user:default/guest');
    expect(screen.getByLabelText(/Expires on/)).toHaveValue(utcDate(30));
    expect(screen.getByRole('button', { name: /Check/ })).not.toHaveTextContent(
      'Runbook',
    );
  });

  it('extends an exemption in force from its end, with its check and justification', async () => {
    const warnings = outOfRangeWarnings();
    const inForce = productExemptions().filter(e => e.state === 'active');
    const requests: ExemptionRequest[] = [];
    const granted = await renderDialog(
      {
        grantExemption: async request => {
          requests.push(request);
          return inForce[0];
        },
      },
      inForce,
      inForce[0],
    );
    expect(
      screen.getByRole('dialog', { name: 'Extend an exemption' }),
    ).toBeInTheDocument();
    expect(screen.getByLabelText(/Justification/)).toHaveValue(
      inForce[0].justification,
    );
    await waitFor(() =>
      expect(screen.getByRole('button', { name: /Check/ })).toHaveTextContent(
        'Runbook (fail)',
      ),
    );
    // 12 days left, then 30 more.
    expect(screen.getByLabelText(/Expires on/)).toHaveValue(utcDate(42));
    expect(screen.getByRole('note')).toHaveTextContent(
      `Replaces the exemption in force until ${utcMinute(
        inForce[0].expiresAt,
      )}`,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Extend' }));
    await waitFor(() => expect(granted).toHaveLength(1));
    expect(requests).toEqual([
      expect.objectContaining({
        checkId: inForce[0].checkId,
        justification: inForce[0].justification,
        expiresAt: `${utcDate(42)}T23:59:59.999Z`,
      }),
    ]);
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    // Its check is chosen before the options load, and kept as they clear.
    expect(warnings()).toEqual([]);
  });

  it('offers no extension while the check it extends is not shown', async () => {
    const inForce = productExemptions().filter(e => e.state === 'active');
    await renderDialog(
      { listChecks: () => new Promise(() => {}) },
      inForce,
      inForce[0],
    );
    expect(screen.getByLabelText(/Justification/)).toHaveValue(
      inForce[0].justification,
    );
    expect(screen.getByRole('button', { name: 'Extend' })).toBeDisabled();
  });

  it('proposes no extension beyond a year ahead', async () => {
    const [active] = productExemptions().filter(e => e.state === 'active');
    const longLived = {
      ...active,
      expiresAt: new Date(Date.now() + 360 * 24 * 60 * 60 * 1000).toISOString(),
    };
    await renderDialog({}, [longLived], longLived);
    expect(screen.getByLabelText(/Expires on/)).toHaveValue(utcDate(365));
  });

  it('keeps what was typed when the signed-in user is known only later', async () => {
    const { released, release } = releasable();
    await renderInTestApp(<Harness inForce={[]} onGranted={() => {}} />, {
      apis: [
        [
          governanceApiRef,
          fakeGovernanceApi({ getScorecard: async () => scorecard }),
        ],
        mockApis.identity.mock({
          getBackstageIdentity: async () => {
            await released;
            return {
              type: 'user',
              userEntityRef: 'user:default/ana',
              ownershipEntityRefs: ['user:default/ana'],
            };
          },
        }),
      ],
    });
    await chooseCheck('Runbook (fail)');
    fireEvent.change(screen.getByLabelText(/Justification/), {
      target: { value: 'Wiki move.' },
    });
    expect(screen.getByLabelText(/Approver/)).toHaveValue('');
    release();
    await waitFor(() =>
      expect(screen.getByLabelText(/Approver/)).toHaveValue('user:default/ana'),
    );
    expect(screen.getByLabelText(/Justification/)).toHaveValue('Wiki move.');
    expect(screen.getByRole('button', { name: /Check/ })).toHaveTextContent(
      'Runbook',
    );
  });
});
