import {
  Entity,
  parseEntityRef,
  RELATION_DEPENDENCY_OF,
} from '@backstage/catalog-model';
import { normalizedEntityRef } from '@meshwork/plugin-data-products-common';

/**
 * Who consumes a product: the entities the catalog relates as depending on
 * it, which for data products it derives from their input ports. Each once:
 * entity refs are case-insensitive, so `dataproduct:default/Revenue` and
 * `dataproduct:default/revenue` are one consumer, shown as first written.
 */
export function consumersOf(entity: Entity): string[] {
  const consumers = new Map<string, string>();
  for (const relation of entity.relations ?? []) {
    if (relation.type !== RELATION_DEPENDENCY_OF) continue;
    const key = normalizedEntityRef(parseEntityRef(relation.targetRef));
    if (!consumers.has(key)) consumers.set(key, relation.targetRef);
  }
  return [...consumers.values()];
}
