import { Entity } from '@backstage/catalog-model';
import { product } from '../__testUtils__/product';
import { applicableChecks } from './applicableChecks';
import { domainPolicy } from './domainPolicy';
import { parseGovernancePolicies } from './GovernancePolicy';

const global = parseGovernancePolicies([
  { name: 'baseline', checks: ['owner-is-group', 'runbook-present'] },
  {
    name: 'production',
    filter: { lifecycle: 'production', tier: [1, 2] },
    checks: [{ id: 'freshness-slo-declared', severity: 'error' }],
  },
]);

const domain = (annotation: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Domain',
  metadata: {
    name: 'checkout',
    annotations: { 'meshwork.dev/governance-checks': annotation },
  },
  spec: {},
});

describe('governance policies', () => {
  it('apply by filter, with each check at its default or given severity', () => {
    expect(applicableChecks(product(), global)).toEqual(
      new Map([
        ['owner-is-group', 'error'],
        ['runbook-present', 'warning'],
        ['freshness-slo-declared', 'error'],
      ]),
    );
    const experimental = product(p => {
      p.spec.lifecycle = 'experimental';
    });
    expect(
      applicableChecks(experimental, global).has('freshness-slo-declared'),
    ).toBe(false);
  });

  it('let a domain add and strengthen checks for its products, never weaken them', () => {
    const policy = domainPolicy(
      domain(
        'runbook-present:error, description-present, freshness-slo-declared:info',
      ),
    )!;
    const checks = applicableChecks(product(), [...global, policy]);
    expect(checks.get('runbook-present')).toBe('error');
    expect(checks.get('description-present')).toBe('warning');
    expect(checks.get('freshness-slo-declared')).toBe('error');
    const elsewhere = product(p => {
      p.spec.domain = 'finance';
    });
    expect(
      applicableChecks(elsewhere, [...global, policy]).get('runbook-present'),
    ).toBe('warning');
    // The catalog finds domain:Checkout as domain:checkout; so does a policy.
    const capitalised = product(p => {
      p.spec.domain = 'domain:default/Checkout';
    });
    expect(
      applicableChecks(capitalised, [...global, policy]).get('runbook-present'),
    ).toBe('error');
  });

  it("apply a domain's policy to its own namespace's products only", () => {
    const finance = domain('runbook-present:error');
    finance.metadata.namespace = 'finance';
    const policy = domainPolicy(finance)!;
    const inFinance = product(p => {
      p.metadata.namespace = 'finance';
    });
    expect(applicableChecks(inFinance, [policy]).get('runbook-present')).toBe(
      'error',
    );
    // domain:default/checkout, another domain of the same name.
    expect(applicableChecks(product(), [policy]).has('runbook-present')).toBe(
      false,
    );
  });

  it('select products by a domain name in any namespace, or by a ref', () => {
    const policies = (domainFilter: string) =>
      parseGovernancePolicies([
        {
          name: 'strict',
          filter: { domain: domainFilter },
          checks: ['pii-classified'],
        },
      ]);
    const inFinance = product(p => {
      p.metadata.namespace = 'finance';
    });
    const selects = (domainFilter: string) =>
      [product(), inFinance].map(p =>
        applicableChecks(p, policies(domainFilter)).has('pii-classified'),
      );
    expect(selects('Checkout')).toEqual([true, true]);
    expect(selects('domain:default/checkout')).toEqual([true, false]);
    expect(selects('domain:checkout')).toEqual([true, false]);
    expect(selects('finance/checkout')).toEqual([false, true]);
    expect(() => policies('group:default/checkout')).toThrow(
      /filter.domain: expected a domain name or ref \(got kind group\)/,
    );
    expect(() => policies('domain:')).toThrow(
      /filter.domain: expected a domain name or ref like domain:default\/sales \(got "domain:"\)/,
    );
  });

  it('stop with a message naming the policy, for unknown checks and bad filters', () => {
    expect(() =>
      parseGovernancePolicies([{ name: 'tier-1', checks: ['runbook-presnt'] }]),
    ).toThrow(
      /policy "tier-1": unknown check "runbook-presnt" \(known checks: owner-is-group/,
    );
    expect(() =>
      parseGovernancePolicies([
        { name: 'tier-1', filter: { tier: 7 }, checks: ['runbook-present'] },
      ]),
    ).toThrow(/governance.policies\[0\] \("tier-1"\).filter.tier/);
    expect(() =>
      parseGovernancePolicies([
        { name: 'x', filter: { owner: 'me' }, checks: ['runbook-present'] },
      ]),
    ).toThrow(/governance.policies\[0\] \("x"\).filter: .*owner/);
    expect(() =>
      parseGovernancePolicies([
        { name: 'pii', filter: { tag: 'PII' }, checks: ['runbook-present'] },
      ]),
    ).toThrow(
      /governance.policies\[0\] \("pii"\).filter.tag: expected a tag as the catalog holds them/,
    );
    expect(() => domainPolicy(domain('runbook:error'))).toThrow(
      /domain checkout: meshwork.dev\/governance-checks: unknown check "runbook"/,
    );
    expect(() => domainPolicy(domain('runbook-present:fatal'))).toThrow(
      /must be one of info, warning, error \(got "fatal"\)/,
    );
    // Neither read as no severity, nor as its first part.
    expect(() => domainPolicy(domain('runbook-present:'))).toThrow(
      /severity of "runbook-present" must be one of info, warning, error \(got ""\)/,
    );
    expect(() => domainPolicy(domain('runbook-present:error:info'))).toThrow(
      /must be one of info, warning, error \(got "error:info"\)/,
    );
  });

  it('name the field, the values allowed and the value given for a typo', () => {
    const problem = (policies: unknown) => {
      try {
        parseGovernancePolicies(policies);
      } catch (error) {
        return (error as Error).message;
      }
      throw new Error('parsed');
    };
    const tier1 = (fields: object) => [
      { name: 'tier-1', checks: ['runbook-present'], ...fields },
    ];
    expect(
      problem(
        tier1({ checks: [{ id: 'runbook-present', severity: 'critical' }] }),
      ),
    ).toBe(
      'Invalid governance policies: governance.policies[0] ("tier-1").checks.0.severity: must be one of info, warning, error (got "critical")',
    );
    expect(problem(tier1({ filter: { lifecycle: 'Production' } }))).toBe(
      'Invalid governance policies: governance.policies[0] ("tier-1").filter.lifecycle: must be one of experimental, production, deprecated (got "Production")',
    );
    expect(problem(tier1({ filter: { tier: '1' } }))).toBe(
      'Invalid governance policies: governance.policies[0] ("tier-1").filter.tier: must be one of 1, 2, 3 (got "1")',
    );
    expect(problem(tier1({ filter: { tier: [1, '2'] } }))).toMatch(
      /\.filter\.tier\.1: must be one of 1, 2, 3 \(got "2"\)$/,
    );
    expect(
      problem(tier1({ filter: { type: ['aggregate', 'source'] } })),
    ).toMatch(
      /\.filter\.type\.1: must be one of source-aligned, aggregate, consumer-aligned \(got "source"\)$/,
    );
    expect(problem(tier1({ filter: { tag: [] } }))).toMatch(
      /\.filter\.tag: must not be an empty list \(got \[\]\)$/,
    );
    expect(problem(tier1({ checks: [5] }))).toMatch(
      /\.checks\.0: expected string or object \(got 5\)$/,
    );
    expect(
      problem(tier1({ checks: [{ id: 'runbook-present', sev: 'x' }] })),
    ).toMatch(/\.checks\.0: unknown key "sev" \(allowed: id, severity\)$/);
    expect(
      problem(tier1({ filter: { lifecycle: 'production', owner: 'me' } })),
    ).toMatch(
      /\.filter: unknown key "owner" \(allowed: tier, lifecycle, type, domain, tag\)$/,
    );
    expect(problem([{ checks: ['runbook-present'] }])).toBe(
      'Invalid governance policies: governance.policies[0].name: expected string (got nothing)',
    );
    expect(problem({ name: 'tier-1', checks: ['runbook-present'] })).toBe(
      'Invalid governance policies: governance.policies: expected a list (got {"name":"tier-1","checks":["runbook-present"]})',
    );
    expect(problem('baseline')).toBe(
      'Invalid governance policies: governance.policies: expected a list (got "baseline")',
    );
  });

  it('stop on a policy named as another, or a check named twice in one, naming both places', () => {
    expect(() =>
      parseGovernancePolicies([
        { name: 'tier-1', checks: ['runbook-present'] },
        { name: 'baseline', checks: ['owner-is-group'] },
        {
          name: 'tier-1',
          filter: { tier: 1 },
          checks: ['description-present'],
        },
      ]),
    ).toThrow(
      'Invalid governance policies: governance.policies[2] ("tier-1").name: already the name of governance.policies[0] ("tier-1"); each policy needs its own (got "tier-1")',
    );
    // Written alone or as an object, at another severity or none.
    expect(() =>
      parseGovernancePolicies([
        {
          name: 'tier-1',
          checks: [
            'runbook-present',
            'owner-is-group',
            { id: 'runbook-present', severity: 'error' },
          ],
        },
      ]),
    ).toThrow(
      'Invalid governance policies: governance.policies[0] ("tier-1").checks.2: already named at governance.policies[0] ("tier-1").checks.0; a policy names each check once (got "runbook-present")',
    );
    // The same check in two policies is how a policy strengthens another.
    expect(
      parseGovernancePolicies([
        { name: 'baseline', checks: ['runbook-present'] },
        {
          name: 'tier-1',
          checks: [{ id: 'runbook-present', severity: 'error' }],
        },
      ]),
    ).toHaveLength(2);
  });

  it("stop on a domain's annotation naming a check twice, naming the domain and each mention", () => {
    // Read silently, the stronger severity would win.
    expect(() =>
      domainPolicy(
        domain(
          'runbook-present:warning, description-present, runbook-present:error, description-present',
        ),
      ),
    ).toThrow(
      'domain checkout: meshwork.dev/governance-checks: check "runbook-present" is named more than once ("runbook-present:warning", "runbook-present:error"); check "description-present" is named more than once ("description-present", "description-present"); a policy names each check once',
    );
  });

  it("take a check object without a severity at the check's own, as a check named alone", () => {
    const [policy] = parseGovernancePolicies([
      {
        name: 'tier-1',
        checks: [{ id: 'runbook-present' }, 'owner-is-group'],
      },
    ]);
    expect(policy.checks).toEqual([
      { id: 'runbook-present' },
      { id: 'owner-is-group' },
    ]);
    expect(applicableChecks(product(), [policy])).toEqual(
      new Map([
        ['runbook-present', 'warning'],
        ['owner-is-group', 'error'],
      ]),
    );
  });

  it('have none when the config has none', () => {
    expect(parseGovernancePolicies(undefined)).toEqual([]);
  });
});
