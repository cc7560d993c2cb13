import path from 'path';
import { catalogRulesOf, kindRefusedAt } from './catalogRules';

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

describe('kindRefusedAt', () => {
  const rules = catalogRulesOf(orgOnly);

  it('allows a kind any rule allows from anywhere, or from a file its pattern matches', () => {
    expect(kindRefusedAt(rules, 'DataProduct', 'team/product.yaml')).toBe(
      undefined,
    );
    expect(
      kindRefusedAt(rules, 'domain', '/repo/catalog-info/org/domains.yaml'),
    ).toBe(undefined);
  });

  it('refuses a kind allowed only from files elsewhere, naming where', () => {
    expect(kindRefusedAt(rules, 'Group', path.join('team', 'org.yaml'))).toBe(
      `kind: the catalog's rules (catalog.rules) allow kind Group only from "**/catalog-info/org/*.yaml": it refuses this file's location whole`,
    );
    expect(kindRefusedAt(rules, 'Resource', 'team/db.yaml')).toMatch(
      /allow kind Resource from no location/,
    );
  });

  it("takes what it cannot judge from a file on disk as allowed: a url matcher, a location's own rules", () => {
    expect(kindRefusedAt(rules, 'System', 'team/system.yaml')).toBe(undefined);
    expect(kindRefusedAt(rules, 'User', 'team/users.yaml')).toBe(undefined);
  });

  it('judges nothing without catalog.rules', () => {
    expect(catalogRulesOf({ catalog: {} })).toBe(undefined);
    expect(catalogRulesOf(undefined)).toBe(undefined);
    expect(kindRefusedAt(undefined, 'Group', 'anywhere.yaml')).toBe(undefined);
  });
});
