const DIGITS = /^\d+$/;

/**
 * A count, also written as a string of digits: a producer's quirk should
 * not hide that lineage is missing.
 */
export function countOf(value: unknown): number | undefined {
  const count =
    typeof value === 'string' && DIGITS.test(value) ? Number(value) : value;
  return typeof count === 'number' && Number.isSafeInteger(count) && count >= 0
    ? count
    : undefined;
}

/**
 * How many statements a run's `extractionError` facet says its producer
 * could not parse (as Airflow's SQL operators report them), so that the
 * run's inputs and outputs are only part of what it read and wrote; 0 when
 * it says none, or is not a facet. Each error listed is a statement that
 * failed, whatever the count says.
 */
export function failedStatementsOf(facet: unknown): number {
  if (typeof facet !== 'object' || facet === null || Array.isArray(facet)) {
    return 0;
  }
  const { failedTasks, errors } = facet as Record<string, unknown>;
  return Math.max(
    countOf(failedTasks) ?? 0,
    Array.isArray(errors) ? errors.length : 0,
  );
}
