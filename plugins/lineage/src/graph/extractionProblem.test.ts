import {
  describeExtractionProblem,
  extractionProblemOf,
} from './extractionProblem';

const withFacet = (extractionError: unknown) => ({
  facets: { extractionError },
});

/** As Airflow's OpenLineage provider sends it for a statement it could not parse. */
const airflowFacet = {
  _producer:
    'https://github.com/apache/airflow/tree/providers-openlineage/2.1.0',
  _schemaURL:
    'https://openlineage.io/spec/facets/1-1-2/ExtractionErrorRunFacet.json#/$defs/ExtractionErrorRunFacet',
  totalTasks: 3,
  failedTasks: 1,
  errors: [
    {
      errorMessage: 'Expected table name but got EOF',
      stackTrace: 'Traceback (most recent call last): ...',
      task: 'INSERT INTO mart.orders SELECT * FROM',
      taskNumber: 2,
    },
  ],
};

describe('extractionProblemOf', () => {
  it('reads the counts and the first error of a well-formed facet', () => {
    const problem = extractionProblemOf(withFacet(airflowFacet));
    expect(problem).toEqual({
      failed: 1,
      total: 3,
      message: 'Expected table name but got EOF',
      task: 'INSERT INTO mart.orders SELECT * FROM',
    });
    expect(describeExtractionProblem(problem!)).toBe(
      'Lineage incomplete: 1 of 3 statements could not be parsed',
    );
  });

  it('finds no problem when nothing failed, or no facet says so', () => {
    expect(
      extractionProblemOf(
        withFacet({ totalTasks: 3, failedTasks: 0, errors: [] }),
      ),
    ).toBeUndefined();
    expect(extractionProblemOf({ facets: {} })).toBeUndefined();
    expect(
      extractionProblemOf({ facets: { errorMessage: { message: 'x' } } }),
    ).toBeUndefined();
  });

  it('counts the errors listed when the count is missing or lower', () => {
    const error = { errorMessage: 'unsupported syntax' };
    expect(extractionProblemOf(withFacet({ errors: [error, {}] }))).toEqual({
      failed: 2,
      message: 'unsupported syntax',
    });
    expect(
      extractionProblemOf(
        withFacet({ totalTasks: 4, failedTasks: 0, errors: [error] }),
      ),
    ).toEqual({ failed: 1, total: 4, message: 'unsupported syntax' });
    expect(
      describeExtractionProblem(
        extractionProblemOf(withFacet({ failedTasks: 1 }))!,
      ),
    ).toBe('Lineage incomplete: 1 statement could not be parsed');
    expect(
      describeExtractionProblem(
        extractionProblemOf(withFacet({ errors: [error, error] }))!,
      ),
    ).toBe('Lineage incomplete: 2 statements could not be parsed');
  });

  it('reads counts written as digits, and drops those that are no count', () => {
    expect(
      extractionProblemOf(withFacet({ totalTasks: '3', failedTasks: '2' })),
    ).toEqual({ failed: 2, total: 3 });
    for (const notACount of [
      '2 of 3',
      '-1',
      -1,
      1.5,
      '1e3',
      ' 2',
      '99999999999999999999',
      1e21,
      true,
      null,
      [2],
      { value: 2 },
    ]) {
      expect(
        extractionProblemOf(
          withFacet({ totalTasks: notACount, failedTasks: notACount }),
        ),
      ).toBeUndefined();
      expect(
        extractionProblemOf(
          withFacet({ totalTasks: notACount, failedTasks: 1 }),
        ),
      ).toEqual({ failed: 1 });
    }
  });

  it('drops a total below the statements that failed', () => {
    expect(
      extractionProblemOf(withFacet({ totalTasks: 1, failedTasks: 2 })),
    ).toEqual({ failed: 2 });
  });

  it('cuts long text short, without splitting a character', () => {
    const problem = extractionProblemOf(
      withFacet({
        failedTasks: 1,
        errors: [
          {
            errorMessage: `  ${'x'.repeat(1_000_000)}`,
            task: `${'a'.repeat(158)}😀 FROM t`,
          },
        ],
      }),
    )!;
    expect(problem.message).toBe(`${'x'.repeat(299)}…`);
    // The emoji's high half would end the cut: the whole emoji goes.
    expect(problem.task).toBe(`${'a'.repeat(158)}…`);
  });

  it('passes over facets, errors and fields of other shapes', () => {
    for (const facets of [null, undefined, 'extractionError', [airflowFacet]]) {
      expect(
        extractionProblemOf({
          facets: facets as unknown as Record<string, unknown>,
        }),
      ).toBeUndefined();
    }
    for (const facet of [null, 'failed', 3, [airflowFacet], []]) {
      expect(extractionProblemOf(withFacet(facet))).toBeUndefined();
    }
    // Errors as an object, not a list: the count alone is known.
    expect(
      extractionProblemOf(
        withFacet({ ...airflowFacet, errors: airflowFacet.errors[0] }),
      ),
    ).toEqual({ failed: 1, total: 3 });
    // A first error that is not an object, or whose fields are not text.
    expect(
      extractionProblemOf(
        withFacet({ failedTasks: 1, errors: ['<b>boom</b>', {}] }),
      ),
    ).toEqual({ failed: 2 });
    expect(
      extractionProblemOf(
        withFacet({
          failedTasks: 1,
          errors: [{ errorMessage: ['boom'], task: { sql: 'x' } }],
        }),
      ),
    ).toEqual({ failed: 1 });
    expect(
      extractionProblemOf(
        withFacet({ failedTasks: 1, errors: [{ errorMessage: '   ' }] }),
      ),
    ).toEqual({ failed: 1 });
  });
});
