import {
  DefaultNamespaceEntityPolicy,
  Entity,
  EntityPolicies,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
} from '@backstage/catalog-model';

/** The checks Backstage's catalog runs on every entity before any processor. */
const CATALOG_ENTITY_POLICY = EntityPolicies.allOf([
  new DefaultNamespaceEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new FieldFormatEntityPolicy(),
  new SchemaValidEntityPolicy(),
]);

/** Backstage's messages end with a link to its file format decision. */
const LEARN_MORE = / To learn more about catalog file format.*$/s;

/**
 * Why those checks refuse the entity (a badly formed tag, name or
 * namespace, a foreign root field), as Backstage says it, undefined if
 * they pass: the CLI and the governance dry run refuse what the catalog
 * would.
 */
export async function catalogPolicyProblem(
  entity: Entity,
): Promise<string | undefined> {
  try {
    await CATALOG_ENTITY_POLICY.enforce(entity);
    return undefined;
  } catch (error) {
    return (error as Error).message.replace(LEARN_MORE, '');
  }
}
