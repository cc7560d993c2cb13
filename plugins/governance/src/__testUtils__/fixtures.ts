import {
  builtinChecks,
  type MeshTrendPoint,
  type ScorecardHistoryPoint,
  type ScorecardRollup,
  type ScorecardSummary,
  type StoredExemption,
} from '@meshwork/plugin-governance-common';
import type { GovernanceApi, GovernanceCheckInfo } from '../api';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The UTC date `inDays` from now, `2026-12-06`. */
export const utcDate = (inDays: number) =>
  new Date(Date.now() + inDays * DAY_MS).toISOString().slice(0, 10);

/** `GET /checks`, as the backend answers it. */
export const checks: GovernanceCheckInfo[] = builtinChecks.map(
  ({ evaluate: _evaluate, ...check }) => check,
);

/** `GET /rollups/domains`, deliberately not best first. */
export const domainRollups: ScorecardRollup[] = [
  {
    key: 'domain:default/sales',
    products: 3,
    averageScore: 74,
    levels: { gold: 0, silver: 1, bronze: 1, none: 1 },
    mostFailed: [
      {
        id: 'freshness-slo-declared',
        failures: 2,
        severities: { warning: 2 },
        products: [
          { entityRef: 'dataproduct:default/quotes', severity: 'warning' },
          { entityRef: 'dataproduct:default/leads', severity: 'warning' },
        ],
      },
      {
        id: 'runbook-present',
        failures: 2,
        severities: { warning: 2 },
        products: [
          { entityRef: 'dataproduct:default/leads', severity: 'warning' },
          { entityRef: 'dataproduct:default/quotes', severity: 'warning' },
        ],
      },
      {
        id: 'pii-classified',
        failures: 1,
        severities: { error: 1 },
        products: [
          { entityRef: 'dataproduct:default/quotes', severity: 'error' },
        ],
      },
    ],
  },
  {
    key: 'domain:default/logistics',
    products: 2,
    averageScore: 91,
    levels: { gold: 1, silver: 1, bronze: 0, none: 0 },
    mostFailed: [
      {
        id: 'freshness-slo-declared',
        failures: 1,
        severities: { warning: 1 },
        products: [
          { entityRef: 'dataproduct:default/returns', severity: 'warning' },
        ],
      },
    ],
  },
  {
    key: 'domain:default/finance',
    products: 1,
    averageScore: 52,
    levels: { gold: 0, silver: 0, bronze: 0, none: 1 },
    mostFailed: [
      {
        id: 'pii-classified',
        failures: 1,
        severities: { error: 1 },
        products: [
          { entityRef: 'dataproduct:default/ledger', severity: 'error' },
        ],
      },
      {
        id: 'runbook-present',
        failures: 1,
        severities: { warning: 1 },
        products: [
          { entityRef: 'dataproduct:default/ledger', severity: 'warning' },
        ],
      },
      {
        id: 'team-has-oncall',
        failures: 1,
        severities: { error: 1 },
        products: [
          { entityRef: 'dataproduct:default/ledger', severity: 'error' },
        ],
      },
    ],
  },
];

/** `GET /rollups/teams`. */
export const teamRollups: ScorecardRollup[] = [
  {
    key: 'group:default/logistics-data',
    products: 2,
    averageScore: 91,
    levels: { gold: 1, silver: 1, bronze: 0, none: 0 },
    mostFailed: [
      {
        id: 'freshness-slo-declared',
        failures: 1,
        severities: { warning: 1 },
        products: [
          { entityRef: 'dataproduct:default/returns', severity: 'warning' },
        ],
      },
    ],
  },
  {
    key: 'group:default/sales-analytics',
    products: 4,
    averageScore: 68,
    levels: { gold: 0, silver: 1, bronze: 1, none: 2 },
    mostFailed: [
      {
        id: 'runbook-present',
        failures: 3,
        severities: { warning: 3 },
        products: [
          { entityRef: 'dataproduct:default/leads', severity: 'warning' },
          { entityRef: 'dataproduct:default/quotes', severity: 'warning' },
          { entityRef: 'dataproduct:default/orders', severity: 'warning' },
        ],
      },
    ],
  },
];

const summary = (
  name: string,
  domain: string,
  level: ScorecardSummary['level'],
  score: number,
  failing: number,
): ScorecardSummary => ({
  entityRef: `dataproduct:default/${name}`,
  domain: `domain:default/${domain}`,
  owner: `group:default/${domain}-data`,
  score,
  level,
  failing,
  evaluatedAt: '2026-11-24T05:00:00.000Z',
});

/** `GET /scorecards`: 1 gold, 2 silver, 1 bronze, 2 none. */
export const scorecards: ScorecardSummary[] = [
  summary('shipments', 'logistics', 'gold', 100, 0),
  summary('returns', 'logistics', 'silver', 82, 1),
  summary('orders', 'sales', 'silver', 85, 1),
  summary('leads', 'sales', 'bronze', 71, 2),
  summary('quotes', 'sales', 'none', 66, 3),
  summary('ledger', 'finance', 'none', 52, 3),
];

/** `GET /history?by=day`: three days, rising. */
export const dailyTrend: MeshTrendPoint[] = [
  ['2026-11-22', 68],
  ['2026-11-23', 72],
  ['2026-11-24', 75],
].map(([day, averageScore]) => ({
  period: `${day}T00:00:00.000Z`,
  averageScore: averageScore as number,
  products: 6,
  levels: { gold: 1, silver: 2, bronze: 1, none: 2 },
  evaluatedAt: `${day}T23:00:00.000Z`,
}));

/** `GET /history?by=hour`: two hours of one day. */
export const hourlyTrend: MeshTrendPoint[] = [
  ['2026-11-24T04', 74],
  ['2026-11-24T05', 77],
].map(([hour, averageScore]) => ({
  period: `${hour}:00:00.000Z`,
  averageScore: averageScore as number,
  products: 6,
  levels: { gold: 1, silver: 2, bronze: 1, none: 2 },
  evaluatedAt: `${hour}:30:00.000Z`,
}));

const exemption = (
  id: string,
  product: string,
  checkId: string,
  justification: string,
  approver: string,
  expiresInDays: number,
): StoredExemption => ({
  id,
  entityRef: `dataproduct:default/${product}`,
  checkId,
  justification,
  approver,
  createdBy: 'user:default/ana',
  createdAt: new Date(Date.now() - 30 * DAY_MS).toISOString(),
  expiresAt: new Date(Date.now() + expiresInDays * DAY_MS).toISOString(),
  state: 'active',
});

/** `GET /exemptions?state=active&expiringWithinDays=30`, latest expiry first. */
export function expiringExemptions(): StoredExemption[] {
  return [
    exemption(
      'ex-2',
      'ledger',
      'pii-classified',
      'Columns are classified in the Q4 audit.',
      'group:default/platform',
      20,
    ),
    exemption(
      'ex-1',
      'quotes',
      'runbook-present',
      '<b>Runbook</b> moves to the new wiki next sprint.',
      'user:default/maria',
      3,
    ),
  ];
}

/** The data product whose page the product's cards are on. */
export const returnsProduct = {
  apiVersion: 'meshwork.dev/v1alpha1',
  kind: 'DataProduct',
  metadata: { name: 'returns', namespace: 'default' },
  spec: {},
};

/**
 * `GET /history/dataproduct/default/returns`, oldest first: two evaluations
 * on 2026-11-22 (the later one, 70, counts for the day), one on 2026-11-24.
 */
export const productHistory: ScorecardHistoryPoint[] = [
  {
    evaluatedAt: '2026-11-22T01:00:00.000Z',
    score: 64,
    level: 'none',
    failing: 3,
  },
  {
    evaluatedAt: '2026-11-22T23:30:00.000Z',
    score: 70,
    level: 'bronze',
    failing: 2,
  },
  {
    evaluatedAt: '2026-11-24T05:00:00.000Z',
    score: 82,
    level: 'silver',
    failing: 1,
  },
];

/**
 * `GET /exemptions?entityRef=dataproduct:default/returns&state=all`, one
 * exemption in each state, soonest expiry first.
 */
export function productExemptions(): StoredExemption[] {
  return [
    {
      ...exemption(
        'ex-5',
        'returns',
        'team-has-oncall',
        'On-call rota starts in January.',
        'group:default/platform',
        -40,
      ),
      state: 'expired',
    },
    {
      ...exemption(
        'ex-4',
        'returns',
        'pii-classified',
        'Superseded by the <i>new</i> schema.',
        'user:default/maria',
        -10,
      ),
      state: 'revoked',
      revokedAt: new Date(Date.now() - 12 * DAY_MS).toISOString(),
      revokedBy: 'user:default/maria',
      revocationReason: 'Schema replaced.',
    },
    exemption(
      'ex-3',
      'returns',
      'runbook-present',
      'Runbook moves to the new wiki next sprint.',
      'user:default/ana',
      12,
    ),
  ];
}

/** The governance backend answering with the fixtures above. */
export function fakeGovernanceApi(
  overrides: Partial<GovernanceApi> = {},
): GovernanceApi {
  return {
    getScorecard: async () => undefined,
    listScorecards: async filter =>
      scorecards.filter(
        card => !filter?.domain || card.domain === filter.domain,
      ),
    getRollups: async by => (by === 'domains' ? domainRollups : teamRollups),
    getTrend: async by => (by === 'day' ? dailyTrend : hourlyTrend),
    getHistory: async () => productHistory,
    listChecks: async () => checks,
    listExemptions: async () => expiringExemptions(),
    getExemptionGrantors: async () => ({
      platformTeam: 'group:default/data-platform',
      domainOwner: 'group:default/logistics-data',
    }),
    grantExemption: async () => {
      throw new Error('grantExemption: not expected by this test');
    },
    revokeExemption: async () => {
      throw new Error('revokeExemption: not expected by this test');
    },
    ...overrides,
  };
}
