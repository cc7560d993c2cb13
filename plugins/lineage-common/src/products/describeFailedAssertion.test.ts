import { describeFailedAssertion } from './describeFailedAssertion';

describe('describeFailedAssertion', () => {
  it('names the test, what it asserts and on what column, and what it measured against what it expected', () => {
    expect(
      describeFailedAssertion(
        {
          assertion: 'not_null',
          column: 'id',
          name: 'not_null_orders_id',
          expected: 0,
          actual: 3,
        },
        'failed',
      ),
    ).toBe('not_null_orders_id (not_null on id) failed: 3 (expected 0)');
    expect(
      describeFailedAssertion(
        { assertion: 'accepted_values', column: 'status', actual: '2' },
        'failed',
      ),
    ).toBe('accepted_values on status failed: 2');
    expect(
      describeFailedAssertion(
        { assertion: 'row_count', expected: 1 },
        'failed',
      ),
    ).toBe('row_count failed: (expected 1)');
    expect(describeFailedAssertion({ assertion: 'row_count' }, 'failed')).toBe(
      'row_count failed',
    );
  });

  it('says warned for an assertion configured to warn', () => {
    expect(
      describeFailedAssertion(
        {
          assertion: 'not_null',
          column: 'id',
          name: 'not_null_orders_id',
          severity: 'warn',
          expected: 0,
          actual: 3,
        },
        'warned',
      ),
    ).toBe('not_null_orders_id (not_null on id) warned: 3 (expected 0)');
  });
});
