import {
  contractSchemaObject,
  type OutputPort,
} from '@meshwork/plugin-data-products-common';

/**
 * The column a quality SLO on `column` of the port measures, as runs report
 * it: the port's contract accepts a column by its names or physical names
 * (`customerId`, `address.city`), case-insensitively, and runs report each
 * by its physical name, as the contract's own quality rules name them. A
 * column the contract does not have is measured as written.
 */
export function physicalColumn(port: OutputPort, column: string): string {
  let properties = contractSchemaObject(port)?.properties ?? [];
  const path: string[] = [];
  for (const part of column.toLowerCase().split('.')) {
    const property =
      properties.find(p => p.name.toLowerCase() === part) ??
      properties.find(p => p.physicalName?.toLowerCase() === part);
    if (!property) return column;
    path.push(property.physicalName ?? property.name);
    properties = property.properties;
  }
  return path.join('.');
}
