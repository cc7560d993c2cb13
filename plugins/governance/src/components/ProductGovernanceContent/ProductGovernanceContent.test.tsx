import { EntityProvider } from '@backstage/plugin-catalog-react';
import type { Scorecard } from '@meshwork/plugin-governance-common';
import { screen } from '@testing-library/react';
import {
  productExemptions,
  returnsProduct,
} from '../../__testUtils__/fixtures';
import { renderWithGovernance } from '../../__testUtils__/renderWithGovernance';
import { ProductGovernanceContent } from './ProductGovernanceContent';

const scorecard: Scorecard = {
  entityRef: 'dataproduct:default/returns',
  score: 82,
  level: 'silver',
  evaluatedAt: '2026-11-24T05:00:00.000Z',
  checks: [
    {
      id: 'runbook-present',
      title: 'Runbook',
      category: 'documentation',
      severity: 'warning',
      status: 'exempt',
      message: 'Exempt until 2026-12-06.',
      remediation: 'Link a runbook.',
    },
  ],
};

describe('ProductGovernanceContent', () => {
  it("shows the product's scorecard, score over time and exemptions", async () => {
    const asked: unknown[] = [];
    await renderWithGovernance(
      <EntityProvider entity={returnsProduct}>
        <ProductGovernanceContent />
      </EntityProvider>,
      {
        getScorecard: async ref => {
          asked.push(['scorecard', ref]);
          return scorecard;
        },
        getHistory: async ref => {
          asked.push(['history', ref]);
          return [];
        },
        listExemptions: async () => productExemptions(),
      },
    );
    expect(
      screen
        .getAllByRole('heading', { level: 2 })
        .map(heading => heading.textContent),
    ).toEqual(['Governance scorecard', 'Score over time', 'Exemptions']);
    expect(await screen.findByText('82')).toBeInTheDocument();
    expect(screen.getByText('Exempt: Runbook (warning)')).toBeInTheDocument();
    expect(
      await screen.findByText('No evaluations in the last 30 days.'),
    ).toBeInTheDocument();
    expect(await screen.findByRole('table')).toBeInTheDocument();
    expect(
      screen.getByText('On-call rota starts in January.'),
    ).toBeInTheDocument();
    const returns = {
      kind: 'DataProduct',
      namespace: 'default',
      name: 'returns',
    };
    expect(asked).toEqual(
      expect.arrayContaining([
        ['scorecard', returns],
        ['history', returns],
      ]),
    );
  });
});
