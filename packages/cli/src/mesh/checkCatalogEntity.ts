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

/** API versions of the kinds the catalog reads. */
const ENTITY_API_VERSION = /^(backstage\.io|meshwork\.dev)\//;

/**
 * A mapping meant as a catalog entity: of Backstage's or Meshwork's API, or
 * of a kind the catalog reads. An ODCS contract (`apiVersion: v3.0.2`), a
 * Kubernetes manifest or a Helm chart is not.
 */
function looksLikeEntity(document: unknown): boolean {
  if (typeof document !== 'object' || document === null) return false;
  const { apiVersion, kind } = document as Record<string, unknown>;
  return (
    (typeof apiVersion === 'string' && ENTITY_API_VERSION.test(apiVersion)) ||
    (typeof kind === 'string' && KNOWN_KINDS.includes(kind))
  );
}

/**
 * Whether a YAML document is meant as an entity, and why the catalog would
 * refuse it before reading it as its kind: written as a list, Backstage's
 * own entity rules (field formats, unknown root fields), or a kind no
 * processor reads. Other YAML (a tool's config beside the products, a
 * contract, a Kubernetes manifest) is not an entity.
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
