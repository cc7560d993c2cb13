import { Entity } from '@backstage/catalog-model';
import { createHash } from 'crypto';

/** The relations whose targets a product's checks read. */
const INPUT_RELATIONS = new Set(['ownedBy', 'partOf', 'dependsOn']);

/** What a product's checks read besides it, by relation, lowercase refs. */
export function inputRelationsOf(
  product: Pick<Entity, 'relations'>,
): Array<{ type: string; ref: string }> {
  return (product.relations ?? [])
    .filter(relation => INPUT_RELATIONS.has(relation.type))
    .map(relation => ({
      type: relation.type,
      ref: relation.targetRef.toLocaleLowerCase('en-US'),
    }));
}

/**
 * A fingerprint of everything a product's static checks read: its own
 * catalog etag (which covers its spec, inlined contracts and relations), the
 * etags of its owner, domain and upstream products, and the ids of its
 * exemptions in force. Runtime findings are not in it; the scheduled full
 * pass re-evaluates those.
 */
export function sourceHashOf(
  product: Pick<Entity, 'metadata' | 'relations'>,
  etagOf: (ref: string) => string | undefined,
  exemptionIds: string[],
): string {
  const inputs = inputRelationsOf(product)
    .map(({ type, ref }) => `${type} ${ref} ${etagOf(ref) ?? '-'}`)
    .sort();
  return createHash('sha256')
    .update(
      JSON.stringify([
        product.metadata.etag ?? '',
        inputs,
        [...exemptionIds].sort(),
      ]),
    )
    .digest('hex');
}
