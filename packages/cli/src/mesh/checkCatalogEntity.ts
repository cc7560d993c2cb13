import {
  DefaultNamespaceEntityPolicy,
  EntityPolicies,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
} from '@backstage/catalog-model';
import { DATA_PRODUCT_KIND } from '@meshwork/plugin-data-products-common';

/** The checks the catalog runs on every entity before any processor. */
const CATALOG_ENTITY_POLICY = EntityPolicies.allOf([
  new DefaultNamespaceEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new FieldFormatEntityPolicy(),
  new SchemaValidEntityPolicy(),
]);

/** Kinds Meshwork's catalog reads: Backstage's own, and DataProduct. */
const KNOWN_KINDS = [
  'Component',
  'System',
  'API',
  'Resource',
  'Location',
  'Domain',
  'Group',
  'User',
  DATA_PRODUCT_KIND,
];

/** Backstage's messages end with a link to its file format decision. */
const LEARN_MORE = / To learn more about catalog file format.*$/;

/** A mapping naming an `apiVersion` or a `kind`: meant as an entity. */
function looksLikeEntity(document: unknown): boolean {
  return (
    typeof document === 'object' &&
    document !== null &&
    ('apiVersion' in document || 'kind' in document)
  );
}

/**
 * Whether a YAML document is meant as an entity, and why the catalog would
 * refuse it before reading it as its kind: written as a list, Backstage's
 * own entity rules (field formats, unknown root fields), or a kind no
 * processor reads. Other YAML (a tool's config beside the products, say)
 * is not an entity.
 */
export async function checkCatalogEntity(
  document: unknown,
): Promise<{ entity: boolean; problem?: string }> {
  if (Array.isArray(document) && document.some(looksLikeEntity)) {
    return {
      entity: true,
      problem:
        'expected an entity, a YAML mapping with apiVersion, kind and metadata (got a list)',
    };
  }
  if (!looksLikeEntity(document)) return { entity: false };
  try {
    await CATALOG_ENTITY_POLICY.enforce(document as any);
  } catch (error) {
    return {
      entity: true,
      problem: (error as Error).message.replace(LEARN_MORE, ''),
    };
  }
  const { kind } = document as { kind: string };
  if (!KNOWN_KINDS.includes(kind)) {
    return {
      entity: true,
      problem: `kind: no catalog processor reads kind ${JSON.stringify(
        kind,
      )} (expected one of ${KNOWN_KINDS.join(', ')})`,
    };
  }
  return { entity: true };
}
