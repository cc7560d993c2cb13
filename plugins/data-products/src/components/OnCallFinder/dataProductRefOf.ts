import {
  DEFAULT_NAMESPACE,
  stringifyEntityRef,
} from '@backstage/catalog-model';

/** `[dataproduct:][namespace/]name`, with the kind or the namespace or both. */
const PRODUCT_REF = /^(?:(dataproduct):)?(?:([^\s:/]+)\/)?([^\s:/]+)$/i;

/**
 * The data product a pasted entity ref names, as alerts and catalog links
 * carry one (`dataproduct:default/orders`, `default/orders`); undefined for
 * anything else, a bare name included, which is searched for instead.
 */
export function dataProductRefOf(text: string): string | undefined {
  const match = PRODUCT_REF.exec(text.trim());
  if (!match || (!match[1] && !match[2])) return undefined;
  return stringifyEntityRef({
    kind: 'DataProduct',
    namespace: match[2] ?? DEFAULT_NAMESPACE,
    name: match[3],
  });
}
