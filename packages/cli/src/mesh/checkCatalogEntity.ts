import {
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  domainEntityV1alpha1Validator,
  Entity,
  groupEntityV1alpha1Validator,
  locationEntityV1alpha1Validator,
  resourceEntityV1alpha1Validator,
  systemEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
} from '@backstage/catalog-model';
import {
  catalogPolicyProblem,
  checkDataProductKind,
  DATA_PRODUCT_KIND,
} from '@meshwork/plugin-data-products-common';

/** Kinds Meshwork's catalog reads: Backstage's own, and DataProduct. */
export const KNOWN_KINDS = [
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

/** The validators of Backstage's own kinds, as its catalog runs them. */
const BUILTIN_KIND_VALIDATORS = [
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  domainEntityV1alpha1Validator,
  groupEntityV1alpha1Validator,
  locationEntityV1alpha1Validator,
  resourceEntityV1alpha1Validator,
  systemEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
];

/**
 * Why Backstage's catalog would refuse an entity of one of its own kinds (a
 * Group without `spec.children`, a Domain without owner, an apiVersion none
 * of its validators reads), undefined if it would not.
 */
async function builtinKindProblem(entity: Entity) {
  try {
    for (const validator of BUILTIN_KIND_VALIDATORS) {
      if (await validator.check(entity)) return undefined;
    }
  } catch (error) {
    return (error as Error).message;
  }
  return `apiVersion: no catalog processor reads kind ${
    entity.kind
  } at ${JSON.stringify(
    entity.apiVersion,
  )} (expected backstage.io/v1alpha1 or backstage.io/v1beta1)`;
}

/**
 * Why the catalog would refuse a YAML document (its placeholders read, see
 * readPlaceholders), undefined if it would not:
 * it reads every document of the files its location names as an entity,
 * and one it refuses (not a mapping, Backstage's own entity rules, a kind
 * no processor reads, a DataProduct's kind or apiVersion misspelt) fails
 * the whole location, so the products beside it stop updating too.
 */
export async function checkCatalogEntity(
  document: unknown,
): Promise<string | undefined> {
  if (typeof document !== 'object' || document === null) {
    return `expected an entity, a YAML mapping with apiVersion, kind and metadata (got ${typeof document})`;
  }
  if (Array.isArray(document)) {
    return 'expected an entity, a YAML mapping with apiVersion, kind and metadata (got a list)';
  }
  const { metadata } = document as { metadata?: unknown };
  if (typeof metadata !== 'object' || metadata === null) {
    return 'metadata: is required, a mapping with a name: the catalog reads every YAML document of a location as an entity';
  }
  const entity = document as Entity;
  const refused = await catalogPolicyProblem(entity);
  if (refused) return refused;
  const misspelt = checkDataProductKind(entity);
  if (misspelt.length > 0) {
    return misspelt.map(issue => `${issue.path}: ${issue.message}`).join('; ');
  }
  if (!KNOWN_KINDS.includes(entity.kind)) {
    return `kind: no catalog processor reads kind ${JSON.stringify(
      entity.kind,
    )} (expected one of ${KNOWN_KINDS.join(', ')})`;
  }
  return entity.kind === DATA_PRODUCT_KIND
    ? undefined
    : builtinKindProblem(entity);
}
