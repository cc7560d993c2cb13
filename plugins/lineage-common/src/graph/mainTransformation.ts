import { isRecord } from '@meshwork/plugin-data-products-common';

/** A column-lineage transformation as producers send it. */
export type ColumnTransformation = {
  type?: unknown;
  subtype?: unknown;
  description?: unknown;
  masking?: unknown;
};

/**
 * The transformation that names how an input makes its column: a direct
 * one first (a column copied and also filtered on is a copy), else the
 * first listed. Entries are as producers sent them: only objects count.
 */
export function mainTransformation(
  transformations: unknown,
): ColumnTransformation | undefined {
  const objects = (
    Array.isArray(transformations) ? transformations : []
  ).filter((t): t is ColumnTransformation => isRecord(t));
  return objects.find(t => t.type === 'DIRECT') ?? objects[0];
}
