/**
 * A product's path under the lineage backend's routes,
 * `entities/<kind>/<namespace>/<name>`: the kind lower case, as entity refs
 * write it, and each part URL-encoded (a ref is parsed from any text).
 */
export function lineageEntityPath(entity: {
  kind: string;
  namespace: string;
  name: string;
}): string {
  const { kind, namespace, name } = entity;
  return `entities/${[kind.toLocaleLowerCase('en-US'), namespace, name]
    .map(encodeURIComponent)
    .join('/')}`;
}
