import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

/**
 * The data product a pasted entity ref names, as alerts and catalog links
 * carry one (`dataproduct:default/orders`, `default/orders`); undefined for
 * anything else, a bare name included, which is searched for instead.
 */
export function dataProductRefOf(text: string): string | undefined {
  const typed = text.trim();
  // Only a kind or a namespace tells a ref from a name; a space, or a path
  // of more parts (`raw/events/2024`), from a ref.
  if (!/[:/]/.test(typed) || /\s/.test(typed)) return undefined;
  try {
    const ref = parseEntityRef(typed, { defaultKind: 'DataProduct' });
    return ref.kind.toLocaleLowerCase('en-US') === 'dataproduct' &&
      !/[:/]/.test(ref.name)
      ? stringifyEntityRef(ref)
      : undefined;
  } catch {
    return undefined;
  }
}
