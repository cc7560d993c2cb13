/** Polls until `probe` gives a value; says what it last saw otherwise. */
export async function eventually<T>(
  probe: (seen: (what: unknown) => void) => Promise<T | undefined>,
): Promise<T> {
  const deadline = Date.now() + 50_000;
  const seen = { last: undefined as unknown };
  const record = (what: unknown) => {
    seen.last = what;
  };
  for (;;) {
    const value = await probe(record);
    if (value !== undefined) return value;
    if (Date.now() > deadline) {
      throw new Error(
        `not processed in time; last saw ${JSON.stringify(seen.last)}`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, 500));
  }
}
