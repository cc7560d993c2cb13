import { DEFAULT_NAMESPACE } from '@backstage/catalog-model';

/** The product and output port an input port's `from` points at. */
export interface InputPortTarget {
  /** Full entity ref, e.g. `dataproduct:default/orders`. */
  productRef: string;
  namespace: string;
  name: string;
  port: string;
}

/**
 * Parses `dataproduct:[namespace/]name#port`, in `defaultNamespace` (the
 * reading product's, as Backstage reads a ref in an entity's spec) unless
 * it names one; undefined when malformed.
 */
export function parseInputPortRef(
  from: string,
  defaultNamespace: string = DEFAULT_NAMESPACE,
): InputPortTarget | undefined {
  const match =
    /^(?:dataproduct:)?(?:([a-z0-9-_.]+)\/)?([a-z0-9-_.]+)#([a-z0-9-_]+)$/i.exec(
      from.trim(),
    );
  if (!match) {
    return undefined;
  }
  const namespace = (match[1] ?? defaultNamespace).toLocaleLowerCase('en-US');
  const name = match[2].toLocaleLowerCase('en-US');
  return {
    productRef: `dataproduct:${namespace}/${name}`,
    namespace,
    name,
    port: match[3],
  };
}
