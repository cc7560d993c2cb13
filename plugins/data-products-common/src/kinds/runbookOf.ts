import type { DataProductEntityV1alpha1 } from './DataProductEntityV1alpha1';

const isRunbook = (text: string | undefined) =>
  text?.trim().toLocaleLowerCase('en-US') === 'runbook';

/**
 * The runbook on-call follows: `spec.support.runbook`, else the product's
 * first link of type `runbook` (in any case, as `Runbook` is written too),
 * else, when no link has that type, its first link titled so.
 */
export function runbookOf(
  product: Pick<DataProductEntityV1alpha1, 'metadata' | 'spec'>,
): string | undefined {
  const links = product.metadata.links ?? [];
  return (
    product.spec.support?.runbook ??
    (
      links.find(link => isRunbook(link.type)) ??
      links.find(link => isRunbook(link.title))
    )?.url
  );
}
