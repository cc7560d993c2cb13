/**
 * The transformation a column-lineage field's deprecated (pre-1.2)
 * `transformationType` and `transformationDescription` describe, in the
 * shape of the current facet's `transformations`, so that readers look at
 * one shape: IDENTITY is a direct copy, MASKED a direct transformation that
 * masks its input (a hash of PII, say). Those keep the type as sent in
 * `transformationType`, which Marquez's column lineage answers with. The
 * spec defines no other type: one is kept as sent, as the type.
 */
export function deprecatedTransformation(
  type: unknown,
  description: unknown,
): Record<string, unknown> {
  switch (type) {
    case 'IDENTITY':
      return {
        type: 'DIRECT',
        subtype: 'IDENTITY',
        description,
        transformationType: type,
      };
    case 'MASKED':
      return {
        type: 'DIRECT',
        subtype: 'TRANSFORMATION',
        description,
        masking: true,
        transformationType: type,
      };
    default:
      return { type, description };
  }
}
