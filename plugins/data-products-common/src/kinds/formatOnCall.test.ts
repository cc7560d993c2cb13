import { formatOnCall } from './formatOnCall';

describe('formatOnCall', () => {
  it("names the provider and its id, and whether it is the team's", () => {
    expect(
      formatOnCall({
        contact: '#revenue-oncall',
        provider: 'opsgenie',
        id: 'R9',
        source: 'product',
      }),
    ).toBe('#revenue-oncall (opsgenie R9)');
    expect(
      formatOnCall({
        contact: '#finance-oncall',
        provider: 'pagerduty',
        id: 'PFIN123',
        source: 'team',
      }),
    ).toBe('#finance-oncall (pagerduty PFIN123, team)');
    expect(
      formatOnCall({
        contact: '#ledger-oncall',
        provider: 'pagerduty',
        source: 'team',
      }),
    ).toBe('#ledger-oncall (pagerduty, team)');
    expect(formatOnCall({ contact: '#ledger-oncall', source: 'team' })).toBe(
      '#ledger-oncall (team)',
    );
  });

  it('leaves out an id without its provider, and says when none is declared', () => {
    // An id says nothing without its provider, as in the on-call finder.
    expect(
      formatOnCall({ contact: '#orders-oncall', id: 'P1', source: 'product' }),
    ).toBe('#orders-oncall');
    expect(formatOnCall(undefined)).toBe('No on-call declared');
  });
});
