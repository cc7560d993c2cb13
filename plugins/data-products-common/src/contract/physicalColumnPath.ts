import type { SchemaProperty } from './DataContract';

/**
 * The path runs report a contract's column under (`customer_id`,
 * `ship_to.town`), or undefined when the contract has no such column.
 * `column` names it by its path of names or of physical names, in any
 * case, as a product's SLOs may; each part is given back by its physical
 * name, as runs name columns.
 */
export function physicalColumnPath(
  properties: SchemaProperty[],
  column: string,
): string | undefined {
  const walk = (
    props: SchemaProperty[],
    [head, ...rest]: string[],
  ): string | undefined => {
    for (const property of props) {
      const named =
        property.name.toLowerCase() === head ||
        property.physicalName?.toLowerCase() === head;
      const own = property.physicalName ?? property.name;
      if (named && rest.length === 0) return own;
      const inner = named ? walk(property.properties, rest) : undefined;
      if (inner !== undefined) return `${own}.${inner}`;
    }
    return undefined;
  };
  return walk(properties, column.toLowerCase().split('.'));
}
