import type { Entity } from '@backstage/catalog-model';
import type { DataProductEntityV1alpha1 } from './DataProductEntityV1alpha1';
import { runbookLinkOf, runbookOf } from './runbookOf';

export type Runbook = {
  url: string;
  /** Declared by the product itself, or inherited from its owning team. */
  source: 'product' | 'team';
};

/**
 * The runbook on-call follows for a product: its own (runbookOf), else its
 * owning team's runbook link, as many teams keep one runbook for all their
 * products; undefined when neither has one.
 */
export function resolveRunbook(
  product: Pick<DataProductEntityV1alpha1, 'metadata' | 'spec'>,
  owner?: Entity,
): Runbook | undefined {
  const own = runbookOf(product);
  if (own) return { url: own, source: 'product' };
  const team = runbookLinkOf(owner?.metadata.links);
  // A product's runbook is validated as an http(s) URL; a team's, which
  // Meshwork does not validate, is opened only if it is one.
  return team && /^https?:\/\//i.test(team.trim())
    ? { url: team, source: 'team' }
    : undefined;
}
