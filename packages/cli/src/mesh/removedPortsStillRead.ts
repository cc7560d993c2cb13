import { RELATION_DEPENDENCY_OF } from '@backstage/catalog-model';
import {
  isDataProductEntity,
  normalizedEntityRef,
  parseInputPortRef,
} from '@meshwork/plugin-data-products-common';
import { CatalogLookup } from './catalogLookup';
import type { MeshError } from './loadMesh';
import type { ValidProduct } from './validateMesh';

/**
 * The output ports a change removes (or renames) that products in the
 * catalog still read: a domain's repository holds its own products, not
 * their consumers, so only the catalog knows who breaks. The catalog's
 * version of each product names its consumers (its `dependencyOf`
 * relations); their input ports name the ports they read. Consumers among
 * `checked` are left out: their own input ports are checked against the
 * change.
 */
export async function removedPortsStillRead(
  checked: ValidProduct[],
  catalog: CatalogLookup,
): Promise<Array<{ ref: string; error: MeshError }>> {
  const byRef = new Map(checked.map(product => [product.ref, product]));
  const removedByRef = new Map<string, Set<string>>();
  const consumerRefs = new Set<string>();
  for (const stored of await catalog([...byRef.keys()])) {
    if (!isDataProductEntity(stored)) continue;
    const ref = normalizedEntityRef({ ...stored, ...stored.metadata });
    const product = byRef.get(ref);
    if (!product) continue;
    const kept = new Set(product.entity.spec.outputPorts.map(p => p.name));
    const removed = stored.spec.outputPorts
      .map(port => port.name)
      .filter(name => !kept.has(name));
    if (removed.length === 0) continue;
    removedByRef.set(ref, new Set(removed));
    for (const relation of stored.relations ?? []) {
      const target = relation.targetRef.toLocaleLowerCase('en-US');
      if (relation.type === RELATION_DEPENDENCY_OF && !byRef.has(target)) {
        consumerRefs.add(target);
      }
    }
  }
  if (consumerRefs.size === 0) return [];
  const errors: Array<{ ref: string; error: MeshError }> = [];
  for (const consumer of await catalog([...consumerRefs])) {
    if (!isDataProductEntity(consumer)) continue;
    const consumerRef = normalizedEntityRef({
      ...consumer,
      ...consumer.metadata,
    });
    (consumer.spec.inputPorts ?? []).forEach((input, index) => {
      const read = input.from
        ? parseInputPortRef(input.from, consumer.metadata.namespace)
        : undefined;
      const removed = read && removedByRef.get(read.productRef);
      if (!read || !removed?.has(read.port)) return;
      const product = byRef.get(read.productRef)!;
      errors.push({
        ref: read.productRef,
        error: {
          file: product.file,
          entity: product.entity.metadata.name,
          path: 'spec.outputPorts',
          message: `no longer has port "${read.port}", which ${consumerRef} reads (its spec.inputPorts[${index}], in the catalog): keep the port until its consumers have moved`,
        },
      });
    });
  }
  return errors;
}
