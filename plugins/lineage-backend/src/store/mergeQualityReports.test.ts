import { mergeAssertions } from './mergeQualityReports';

/** A job's `dataQualityAssertions` report of `assertions`, at `time`. */
const reported = (time: number, ...assertions: object[]) => ({
  time,
  value: { assertions },
});

describe('mergeAssertions', () => {
  it("keeps each named test of one kind on one column, from each job's report", () => {
    // Two jobs, each with its own accepted_values test of status.
    const merged = mergeAssertions([
      reported(2, {
        assertion: 'accepted_values',
        name: 'accepted_values_orders_status__placed__shipped',
        column: 'status',
        success: true,
      }),
      reported(1, {
        assertion: 'accepted_values',
        name: 'accepted_values_orders_status__returned',
        column: 'status',
        success: false,
      }),
    ]);
    expect(merged?.value.assertions.map((a: any) => a.name)).toEqual([
      'accepted_values_orders_status__placed__shipped',
      'accepted_values_orders_status__returned',
    ]);
  });

  it('takes the newest report of one test, by its name when given, else by its kind and column', () => {
    const merged = mergeAssertions([
      reported(
        2,
        { assertion: 'not_null', name: 'not_null_orders_id', success: true },
        { assertion: 'unique', column: 'id', success: true },
      ),
      reported(
        1,
        // The same named test, run by another job before: hidden.
        { assertion: 'not_null', name: 'not_null_orders_id', success: false },
        { assertion: 'unique', column: 'id', success: false },
        // Unnamed: not known as the named test, so kept.
        { assertion: 'not_null', success: false },
      ),
    ]);
    expect(merged).toEqual(
      reported(
        2,
        { assertion: 'not_null', name: 'not_null_orders_id', success: true },
        { assertion: 'unique', column: 'id', success: true },
        { assertion: 'not_null', success: false },
      ),
    );
  });

  it('tells tests with an empty name apart by kind and column', () => {
    const merged = mergeAssertions([
      reported(2, {
        assertion: 'unique',
        column: 'id',
        name: '',
        success: true,
      }),
      reported(1, {
        assertion: 'not_null',
        column: 'id',
        name: '',
        success: false,
      }),
    ]);
    expect(merged?.value.assertions.map((a: any) => a.assertion)).toEqual([
      'unique',
      'not_null',
    ]);
  });
});
