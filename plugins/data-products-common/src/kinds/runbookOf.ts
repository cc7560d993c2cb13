import type { DataProductEntityV1alpha1 } from './DataProductEntityV1alpha1';

/**
 * The runbook on-call follows: `spec.support.runbook`, else the product's
 * first link of type `runbook`.
 */
export function runbookOf(
  product: Pick<DataProductEntityV1alpha1, 'metadata' | 'spec'>,
): string | undefined {
  return (
    product.spec.support?.runbook ??
    product.metadata.links?.find(link => link.type === 'runbook')?.url
  );
}
