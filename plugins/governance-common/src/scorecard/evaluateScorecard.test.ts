import { builtinCheckIds } from '../checks/builtinChecks';
import { checkContextOf } from '../checks/checkContextOf';
import { Severity } from '../checks/GovernanceCheck';
import { product, team } from '../__testUtils__/product';
import { evaluateScorecard } from './evaluateScorecard';
import { rollupScorecards } from './rollupScorecards';

const all = (severity?: Severity) =>
  new Map(builtinCheckIds.map(id => [id, severity ?? ('error' as Severity)]));
const now = new Date('2026-11-23T12:00:00Z');

describe('evaluateScorecard', () => {
  it('passes every static check of a complete product; runtime ones are unknown', () => {
    const card = evaluateScorecard({
      context: checkContextOf(product(), { owner: team }),
      applicable: all(),
      now,
    });
    expect(card.entityRef).toBe('dataproduct:default/orders');
    expect(card.score).toBe(100);
    expect(card.level).toBe('gold');
    expect(
      card.checks.filter(c => c.status === 'unknown').map(c => c.id),
    ).toEqual([
      'freshness-within-slo',
      'volume-within-band',
      'quality-within-slo',
      'no-schema-drift',
      'no-undeclared-dependencies',
    ]);
    expect(card.evaluatedAt).toBe('2026-11-23T12:00:00.000Z');
  });

  it('fails what is missing, failing first, with a message and remediation', () => {
    const card = evaluateScorecard({
      context: checkContextOf(
        product(p => {
          delete p.spec.support;
          delete p.metadata.description;
          (
            p.spec.outputPorts[0].contract as any
          ).schema[0].properties[0].classification = undefined;
        }),
        { owner: undefined },
      ),
      applicable: new Map<string, Severity>([
        ['owner-is-group', 'error'],
        ['runbook-present', 'warning'],
        ['description-present', 'info'],
        ['pii-classified', 'error'],
        ['lifecycle-and-tier-set', 'error'],
      ]),
      now,
      staticOnly: true,
    });
    expect(card.checks.map(c => [c.id, c.status])).toEqual([
      ['owner-is-group', 'fail'],
      ['runbook-present', 'fail'],
      ['description-present', 'fail'],
      ['pii-classified', 'fail'],
      ['lifecycle-and-tier-set', 'pass'],
    ]);
    expect(card.checks[0].message).toBe(
      'group:checkout-data is not in the catalog, not a Group.',
    );
    expect(card.checks[3].message).toBe(
      'Unclassified columns: orders.order_id.',
    );
    expect(card.checks[1].remediation).toMatch(/spec.support.runbook/);
    // 5 (lifecycle) of 5 + 2 + 1 + 5 + 5 = 18
    expect(card.score).toBe(28);
    expect(card.level).toBe('none');
  });

  it('honours exemptions until they expire', () => {
    const context = checkContextOf(
      product(p => {
        delete p.spec.support;
      }),
      { owner: team },
    );
    const exemption = {
      entityRef: 'dataproduct:default/orders',
      checkId: 'runbook-present',
      justification: 'Runbook being written.',
      approver: 'user:default/platform-lead',
      expiresAt: '2026-12-01T23:59:59.000Z',
    };
    const applicable = new Map<string, Severity>([
      ['runbook-present', 'warning'],
    ]);
    const exempt = evaluateScorecard({
      context,
      applicable,
      exemptions: [exemption],
      now,
    });
    expect(exempt.checks[0].status).toBe('exempt');
    expect(exempt.checks[0].message).toBe(
      'No runbook. Exempt until 2026-12-01 23:59 UTC (Runbook being written; approved by user:default/platform-lead).',
    );
    expect(exempt.score).toBe(100);
    // The approver is whoever the granting user named.
    const grantedByAnother = evaluateScorecard({
      context,
      applicable,
      exemptions: [{ ...exemption, createdBy: 'user:default/ana' }],
      now,
    });
    expect(grantedByAnother.checks[0].message).toMatch(
      /approved by user:default\/platform-lead, granted by user:default\/ana\)\.$/,
    );
    // Refs compare whatever their case: the approver is stored lower-cased.
    const grantedBySelf = evaluateScorecard({
      context,
      applicable,
      exemptions: [{ ...exemption, createdBy: 'user:default/Platform-Lead' }],
      now,
    });
    expect(grantedBySelf.checks[0].message).not.toMatch(/granted by/);
    const expired = evaluateScorecard({
      context,
      applicable,
      exemptions: [exemption],
      now: new Date('2026-12-02T00:00:00Z'),
    });
    expect(expired.checks[0].status).toBe('fail');
    expect(expired.level).toBe('bronze');
  });

  it('says why a runtime check is unknown when the product declares nothing to measure', () => {
    const withoutSlos = product(p => {
      delete p.spec.slos;
    });
    const messages = (context: ReturnType<typeof checkContextOf>) =>
      Object.fromEntries(
        evaluateScorecard({ context, applicable: all(), now })
          .checks.filter(
            c =>
              c.id === 'freshness-within-slo' || c.id === 'volume-within-band',
          )
          .map(c => [c.id, c.message]),
      );
    expect(messages(checkContextOf(withoutSlos, { owner: team }))).toEqual({
      'freshness-within-slo':
        'No freshness SLO declared (spec.slos.freshness) to measure against.',
      'volume-within-band':
        'No volume SLO declared (spec.slos.volume) to measure against.',
    });
    // Declares freshness only.
    expect(messages(checkContextOf(product(), { owner: team }))).toEqual({
      'freshness-within-slo': 'No lineage data for this product yet.',
      'volume-within-band':
        'No volume SLO declared (spec.slos.volume) to measure against.',
    });
  });

  it('uses runtime findings when lineage has them', () => {
    const card = evaluateScorecard({
      context: checkContextOf(product(), {
        owner: team,
        runtime: {
          freshness: {
            status: 'fail',
            message: 'Last write 3 h ago (SLO 30 m).',
          },
        },
      }),
      applicable: new Map<string, Severity>([
        ['freshness-within-slo', 'error'],
      ]),
      now,
    });
    expect(card.checks[0]).toMatchObject({
      status: 'fail',
      message: 'Last write 3 h ago (SLO 30 m).',
    });
    expect(card.level).toBe('none');
  });
});

describe('rollupScorecards', () => {
  it('averages scores and counts levels and failing checks per key', () => {
    const good = evaluateScorecard({
      context: checkContextOf(product(), { owner: team }),
      applicable: all(),
      now,
    });
    const bad = evaluateScorecard({
      context: checkContextOf(
        product(p => {
          p.metadata.name = 'carts';
          delete p.spec.support;
        }),
        { owner: undefined },
      ),
      applicable: all('warning'),
      now,
    });
    const [rollup] = rollupScorecards([good, bad], () => 'checkout');
    expect(rollup.key).toBe('checkout');
    expect(rollup.products).toBe(2);
    expect(rollup.averageScore).toBe(
      Math.round(((good.score + bad.score) / 2) * 10) / 10,
    );
    expect(rollup.levels).toEqual({ none: 0, bronze: 1, silver: 0, gold: 1 });
    expect(rollup.mostFailed.map(f => f.id)).toEqual([
      'owner-is-group',
      'runbook-present',
      'team-has-oncall',
    ]);
  });

  it('rolls up failures by the severity each product gave a check, and ranks near averages apart', () => {
    const failing = (name: string, severity: 'error' | 'warning') =>
      evaluateScorecard({
        context: checkContextOf(
          product(p => {
            p.metadata.name = name;
            delete p.spec.support;
          }),
          { owner: team },
        ),
        applicable: new Map([['runbook-present', severity]]),
        now,
      });
    const cards = [
      failing('orders', 'error'),
      failing('carts', 'error'),
      failing('returns', 'warning'),
    ];
    expect(rollupScorecards(cards, () => 'checkout')[0].mostFailed).toEqual([
      {
        id: 'runbook-present',
        failures: 3,
        severities: { error: 2, warning: 1 },
        // Which products, at the severity each has it at.
        products: [
          { entityRef: 'dataproduct:default/orders', severity: 'error' },
          { entityRef: 'dataproduct:default/carts', severity: 'error' },
          { entityRef: 'dataproduct:default/returns', severity: 'warning' },
        ],
      },
    ]);
    // 89.5 and 90.33 both read 90 rounded to a whole score.
    const scored = (score: number, key: string) => ({
      ...cards[0],
      score,
      entityRef: `dataproduct:default/${key}-${score}`,
    });
    const domains = rollupScorecards(
      [
        scored(89, 'analytics'),
        scored(90, 'analytics'),
        scored(90, 'sales'),
        scored(90, 'sales'),
        scored(91, 'sales'),
      ],
      card => card.entityRef.split('/')[1].split('-')[0],
    );
    expect(domains.map(d => [d.key, d.averageScore])).toEqual([
      ['sales', 90.3],
      ['analytics', 89.5],
    ]);
  });
});
