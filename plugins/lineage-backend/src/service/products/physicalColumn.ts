import {
  contractSchemaObject,
  physicalColumnPath,
  type OutputPort,
} from '@meshwork/plugin-data-products-common';

/**
 * The column a quality SLO on `column` of the port measures: as runs report
 * it, by its physical name (physicalColumnPath), as the contract's own
 * quality rules name it; a column the contract does not have, as written.
 */
export function physicalColumn(port: OutputPort, column: string): string {
  const properties = contractSchemaObject(port)?.properties ?? [];
  return physicalColumnPath(properties, column) ?? column;
}
