import type { EntityLink } from '@backstage/catalog-model';
import type { DataProductEntityV1alpha1 } from './DataProductEntityV1alpha1';

const isRunbook = (text: string | undefined) =>
  text?.trim().toLocaleLowerCase('en-US') === 'runbook';

/**
 * The runbook among an entity's links: the first of type `runbook` (in any
 * case, as `Runbook` is written too), else, when no link has that type, the
 * first titled so.
 */
export function runbookLinkOf(
  links: EntityLink[] | undefined,
): string | undefined {
  return (
    links?.find(link => isRunbook(link.type)) ??
    links?.find(link => isRunbook(link.title))
  )?.url;
}

/**
 * The runbook on-call follows: `spec.support.runbook`, else the product's
 * runbook link (see runbookLinkOf).
 */
export function runbookOf(
  product: Pick<DataProductEntityV1alpha1, 'metadata' | 'spec'>,
): string | undefined {
  return product.spec.support?.runbook ?? runbookLinkOf(product.metadata.links);
}
