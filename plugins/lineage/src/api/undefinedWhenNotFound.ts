/**
 * A request's answer, or undefined when the lineage backend answered 404:
 * a dataset no event has mentioned yet has no lineage, which is not a failure.
 */
export async function undefinedWhenNotFound<T>(
  request: Promise<T>,
): Promise<T | undefined> {
  try {
    return await request;
  } catch (error) {
    if (
      (error as { response?: { status?: number } })?.response?.status === 404
    ) {
      return undefined;
    }
    throw error;
  }
}
