import type { EntityLink } from '@backstage/catalog-model';
import type { DataProductEntityV1alpha1 } from './DataProductEntityV1alpha1';

// Not only text: validation reads links before the schema has typed them.
const isRunbook = (text: unknown) =>
  typeof text === 'string' &&
  text.trim().toLocaleLowerCase('en-US') === 'runbook';

/**
 * Where the runbook is among an entity's links: the first of type `runbook`
 * (in any case, as `Runbook` is written too), else, when no link has that
 * type, the first titled so; -1 when none is. Validation checks the URL of
 * the very link on-call opens by it.
 */
export function runbookLinkIndex(links: unknown): number {
  if (!Array.isArray(links)) return -1;
  const byType = links.findIndex(link => isRunbook(link?.type));
  return byType >= 0 ? byType : links.findIndex(link => isRunbook(link?.title));
}

/** The URL of the runbook among an entity's links (see runbookLinkIndex). */
export function runbookLinkOf(
  links: EntityLink[] | undefined,
): string | undefined {
  return links?.[runbookLinkIndex(links)]?.url;
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
