import type { Entity } from '@backstage/catalog-model';
import type { DataProductEntityV1alpha1 } from './DataProductEntityV1alpha1';

/** Annotations a team (Group) carries to say how its on-call is reached. */
export const ONCALL_PROVIDER_ANNOTATION = 'meshwork.dev/oncall-provider';
export const ONCALL_ID_ANNOTATION = 'meshwork.dev/oncall-id';
export const ONCALL_CONTACT_ANNOTATION = 'meshwork.dev/oncall-contact';

export type OnCall = {
  contact: string;
  provider?: string;
  id?: string;
  /** Declared on the product itself, or inherited from its owning team. */
  source: 'product' | 'team';
};

/**
 * The catalog fields teamOnCall and resolveRunbook read of a team, with its
 * ref.
 */
export const TEAM_SUPPORT_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.annotations',
  'metadata.links',
];

/** The on-call a team declares through its annotations, if any. */
export function teamOnCall(team: Entity | undefined): OnCall | undefined {
  const annotations = team?.metadata.annotations ?? {};
  const contact = annotations[ONCALL_CONTACT_ANNOTATION];
  if (!contact) {
    return undefined;
  }
  return {
    contact,
    provider: annotations[ONCALL_PROVIDER_ANNOTATION],
    id: annotations[ONCALL_ID_ANNOTATION],
    source: 'team',
  };
}

/**
 * Who to page for a product: its own `spec.support.oncall`, else its owning
 * team's on-call annotations; undefined when neither says.
 */
export function resolveOnCall(
  product: DataProductEntityV1alpha1,
  owner?: Entity,
): OnCall | undefined {
  const declared = product.spec.support?.oncall;
  if (declared?.contact) {
    return { ...declared, source: 'product' };
  }
  return teamOnCall(owner);
}
