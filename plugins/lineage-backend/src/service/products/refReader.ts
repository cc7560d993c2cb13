/**
 * Whether the caller may read a product, by its entity ref, of the refs
 * readable (undefined: all); refs compare case-insensitively, as the
 * catalog's do.
 */
export function refReader(
  readable: ReadonlySet<string> | undefined,
): (ref: string) => boolean {
  if (!readable) return () => true;
  const lowercase = new Set(
    [...readable].map(ref => ref.toLocaleLowerCase('en-US')),
  );
  return ref => lowercase.has(ref.toLocaleLowerCase('en-US'));
}
