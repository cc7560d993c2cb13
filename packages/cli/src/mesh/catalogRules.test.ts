import type { Entity } from '@backstage/catalog-model';
import type { AppConfig } from '@backstage/config';
import path from 'path';
import { catalogRulesOf, kindRefusedAt } from './catalogRules';
import { mergeAppConfigs } from './readAppConfig';

/** The catalog rules of an app-config `file` holding `data`. */
const rulesUnder = (data: object, file = 'app-config.yaml') =>
  catalogRulesOf(
    mergeAppConfigs([{ data: data as AppConfig['data'], context: file }]),
  );

const orgOnly = {
  catalog: {
    rules: [
      { allow: ['Component', 'DataProduct'] },
      {
        allow: ['Group', { kind: 'Domain' }],
        locations: [{ type: 'file', pattern: '**/catalog-info/org/*.yaml' }],
      },
      {
        allow: ['System'],
        locations: [
          { type: 'url', pattern: 'https://github.com/acme/org/blob/*' },
        ],
      },
    ],
    locations: [
      {
        type: 'file',
        target: '/platform/people.yaml',
        rules: [{ allow: ['User'] }],
      },
    ],
  },
};

/** An entity of `kind`, of `spec.type` when given. */
const entity = (kind: string, type?: string) =>
  ({
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name: 'x' },
    spec: type === undefined ? {} : { type },
  } as Entity);

describe('kindRefusedAt', () => {
  const rules = rulesUnder(orgOnly);

  it('allows a kind any rule allows from anywhere, or from a file its pattern matches', () => {
    expect(
      kindRefusedAt(rules, entity('DataProduct'), 'team/product.yaml'),
    ).toBe(undefined);
    expect(
      kindRefusedAt(
        rules,
        entity('domain'),
        '/repo/catalog-info/org/domains.yaml',
      ),
    ).toBe(undefined);
  });

  it('refuses a kind allowed only from files elsewhere, naming where', () => {
    expect(
      kindRefusedAt(rules, entity('Group'), path.join('team', 'org.yaml')),
    ).toBe(
      `kind: the catalog's rules (catalog.rules) allow kind Group only from "**/catalog-info/org/*.yaml": it refuses this file's location whole`,
    );
    expect(kindRefusedAt(rules, entity('Resource'), 'team/db.yaml')).toBe(
      `kind: the catalog's rules (catalog.rules) allow kind Resource from no location (expected one of Component, DataProduct, Group, Domain, System, User): it refuses this file's location whole`,
    );
  });

  it("takes what it cannot judge from a file on disk as allowed: a url matcher, a location's own rules", () => {
    expect(kindRefusedAt(rules, entity('System'), 'team/system.yaml')).toBe(
      undefined,
    );
    expect(kindRefusedAt(rules, entity('User'), 'team/users.yaml')).toBe(
      undefined,
    );
  });

  it("applies Backstage's default rules to an app-config that sets no catalog.rules", () => {
    const defaults = rulesUnder(
      { catalog: { locations: orgOnly.catalog.locations } },
      'platform.yaml',
    );
    expect(kindRefusedAt(defaults, entity('Component'), 'a.yaml')).toBe(
      undefined,
    );
    expect(kindRefusedAt(defaults, entity('User'), 'a.yaml')).toBe(undefined);
    expect(kindRefusedAt(defaults, entity('DataProduct'), 'a.yaml')).toBe(
      "kind: Backstage's default catalog rules (platform.yaml sets no catalog.rules) allow kind DataProduct from no location (expected one of Component, API, Location, User): it refuses this file's location whole",
    );
    // An empty app-config, too.
    expect(
      kindRefusedAt(rulesUnder({}, 'a.yaml'), entity('Group'), 'a.yaml'),
    ).toMatch(/default catalog rules .* allow kind Group from no location/);
  });

  it('allows a kind of the spec.type a rule names only, as Backstage does', () => {
    const byType = rulesUnder({
      catalog: {
        rules: [
          { allow: [{ kind: 'DataProduct', 'spec.type': 'aggregate' }] },
          {
            allow: [{ kind: 'DataProduct', 'spec.type': 'Consumer-Aligned' }],
          },
        ],
      },
    });
    expect(
      kindRefusedAt(byType, entity('DataProduct', 'Aggregate'), 'a.yaml'),
    ).toBe(undefined);
    expect(
      kindRefusedAt(byType, entity('DataProduct', 'source-aligned'), 'a.yaml'),
    ).toBe(
      `spec.type: the catalog's rules (catalog.rules) allow kind DataProduct only of spec.type "aggregate", "Consumer-Aligned" (got "source-aligned"): it refuses this file's location whole`,
    );
    expect(kindRefusedAt(byType, entity('DataProduct'), 'a.yaml')).toMatch(
      /only of spec\.type .* \(got nothing\)/,
    );
  });

  it('judges nothing without an app-config', () => {
    expect(catalogRulesOf(undefined)).toBe(undefined);
    expect(kindRefusedAt(undefined, entity('Group'), 'anywhere.yaml')).toBe(
      undefined,
    );
  });

  it('names the field of a rule Backstage could not read, as it would not start', () => {
    const rulesOf = (catalog: object) => () => rulesUnder({ catalog });
    expect(rulesOf({ rules: { allow: ['Group'] } })).toThrow(
      '--config app-config.yaml: catalog.rules: expected a list of rules (got {"allow":["Group"]})',
    );
    expect(rulesOf({ rules: [{ allow: [{ type: 'aggregate' }] }] })).toThrow(
      `--config app-config.yaml: catalog.rules[0].allow[0]: expected a kind or { kind, 'spec.type' } (got {"type":"aggregate"})`,
    );
    expect(
      rulesOf({
        rules: [
          {
            allow: ['Group'],
            locations: [{ type: 'file', pattern: '*', exact: 'a.yaml' }],
          },
        ],
      }),
    ).toThrow(
      /^--config app-config\.yaml: catalog\.rules\[0\]\.locations\[0\]: expected/,
    );
    expect(
      rulesOf({
        locations: [
          {
            type: 'file',
            target: 'a.yaml',
            rules: [{ allow: [{ kind: 'User' }] }],
          },
        ],
      }),
    ).toThrow(
      '--config app-config.yaml: catalog.locations[0].rules[0].allow[0]: expected a kind (got {"kind":"User"})',
    );
  });
});
