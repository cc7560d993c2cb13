import type { OutputPort } from '../kinds/DataProductEntityV1alpha1';
import type { DataContract, SchemaObject } from './DataContract';
import { parseDataContract } from './parseDataContract';

/**
 * The names a dataset's table may go by in a contract, likeliest first: its
 * full name, the last part after a `.` (`mart.orders`), and for a path
 * (`s3://lake/orders.parquet`) its file name with and without extension.
 * Lowercase: schema objects are matched to them case-insensitively.
 */
export function datasetTableNames(datasetName: string): string[] {
  const name = datasetName.toLowerCase();
  const names = [name, name.split('.').pop()!];
  if (name.includes('/')) {
    const file = name.split('/').pop()!;
    names.push(file, file.replace(/\.[a-z0-9]+$/, ''));
  }
  return names;
}

/**
 * The schema object of a contract that describes the dataset named
 * `datasetName`: the one whose `name` or `physicalName` is one of its
 * table's names (see {@link datasetTableNames}), or the only one. A contract
 * of several schema objects none of which is named so says nothing of this
 * dataset.
 */
export function datasetSchemaObject(
  contract: DataContract,
  datasetName: string,
): SchemaObject | undefined {
  const named = datasetTableNames(datasetName)
    .map(name =>
      contract.schema.find(
        s =>
          s.name.toLowerCase() === name ||
          s.physicalName?.toLowerCase() === name,
      ),
    )
    .find(Boolean);
  return (
    named ?? (contract.schema.length === 1 ? contract.schema[0] : undefined)
  );
}

/**
 * The schema object of the port's inline contract (as the catalog stores
 * it) that describes its dataset; see {@link datasetSchemaObject}.
 */
export function contractSchemaObject(
  port: OutputPort,
): SchemaObject | undefined {
  if (!port.contract || typeof port.contract === 'string') return undefined;
  const { contract } = parseDataContract(port.contract);
  if (!contract) return undefined;
  return datasetSchemaObject(contract, port.dataset.name);
}
