/**
 * Polls `probe` until it gives a truthy value, or fails after `timeoutMs`
 * naming `what` it waited for and, when the probe reported it, what it last
 * saw.
 */
export async function eventually<T>(
  probe: (seen: (what: unknown) => void) => Promise<T | undefined | false>,
  what = 'the condition',
  timeoutMs = 90_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastSeen: { value: unknown } | undefined;
  const record = (value: unknown) => {
    lastSeen = { value };
  };
  for (;;) {
    const result = await probe(record);
    if (result) return result;
    if (Date.now() > deadline) {
      const saw = lastSeen
        ? `; last saw ${JSON.stringify(lastSeen.value)}`
        : '';
      throw new Error(`Timed out waiting for ${what}${saw}`);
    }
    await new Promise(resolve => setTimeout(resolve, 300));
  }
}
