import {
  DEFAULT_NAMESPACE,
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';

/** A product's `spec.deprecation`, its successor resolved to a full ref. */
export interface ResolvedDeprecation {
  /** The successor's lowercase entity ref, e.g. `dataproduct:default/orders`. */
  successorRef?: string;
  /** The last day the product is served, `YYYY-MM-DD`. */
  sunset?: string;
  reason?: string;
}

/**
 * What a product says replaces it and when it goes away; undefined when it
 * says nothing. The successor is read in the product's namespace unless it
 * names one, as Backstage reads a ref in an entity's spec, and left out when
 * it is not a ref.
 */
export function deprecationOf(entity: Entity): ResolvedDeprecation | undefined {
  const deprecation: unknown = entity.spec?.deprecation;
  if (
    typeof deprecation !== 'object' ||
    deprecation === null ||
    Array.isArray(deprecation)
  ) {
    return undefined;
  }
  const { successor, sunset, reason } = deprecation as Record<string, unknown>;
  return {
    successorRef: successorRefOf(
      successor,
      entity.metadata.namespace ?? DEFAULT_NAMESPACE,
    ),
    sunset: typeof sunset === 'string' ? sunset : undefined,
    reason: typeof reason === 'string' ? reason : undefined,
  };
}

function successorRefOf(
  successor: unknown,
  defaultNamespace: string,
): string | undefined {
  if (typeof successor !== 'string') {
    return undefined;
  }
  try {
    return stringifyEntityRef(
      parseEntityRef(successor, {
        defaultKind: 'dataproduct',
        defaultNamespace,
      }),
    ).toLocaleLowerCase('en-US');
  } catch {
    return undefined;
  }
}
