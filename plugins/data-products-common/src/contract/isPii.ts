/**
 * Meshwork's rule for personal data: a property is PII when its
 * classification is `pii` or its own tags include `pii`, ignoring case.
 * `restricted` or `confidential` alone do not make it PII: those say who may
 * read the data, not what it is.
 */
export function isPii(
  classification: string | undefined,
  tags: string[],
): boolean {
  return (
    classification?.toLowerCase() === 'pii' ||
    tags.some(tag => tag.toLowerCase() === 'pii')
  );
}
