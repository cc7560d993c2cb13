import { Entity, RELATION_DEPENDENCY_OF } from '@backstage/catalog-model';

/**
 * Who consumes a product: the entities the catalog relates as depending on
 * it, which for data products it derives from their input ports.
 */
export function consumersOf(entity: Entity): string[] {
  return (entity.relations ?? [])
    .filter(relation => relation.type === RELATION_DEPENDENCY_OF)
    .map(relation => relation.targetRef);
}
