import {
  OutputPort,
  parseDataContract,
} from '@meshwork/plugin-data-products-common';

/**
 * The names a dataset's table may go by in a contract: its full name, the
 * last part after a `.` (`mart.orders`) or a `/` (`s3://bucket/orders`), the
 * latter without a file extension (`orders.parquet`).
 */
function tableNames(datasetName: string): Set<string> {
  const name = datasetName.toLowerCase();
  const file = name.split('/').pop()!;
  return new Set([
    name,
    name.split('.').pop()!,
    file,
    file.replace(/\.[a-z0-9]+$/, ''),
  ]);
}

/**
 * The contract columns of the schema object that describes the port's
 * dataset: the one named like its table, or the only one. A contract of
 * several tables none of which is named so says nothing of this dataset.
 */
export function contractColumns(
  port: OutputPort,
): Array<{ name: string; physicalType?: string }> {
  if (!port.contract || typeof port.contract === 'string') return [];
  const { contract } = parseDataContract(port.contract);
  if (!contract) return [];
  const names = tableNames(port.dataset.name);
  const schema =
    contract.schema.find(
      s =>
        names.has(s.name.toLowerCase()) ||
        (s.physicalName !== undefined &&
          names.has(s.physicalName.toLowerCase())),
    ) ?? (contract.schema.length === 1 ? contract.schema[0] : undefined);
  return (schema?.properties ?? []).map(p => ({
    name: p.physicalName ?? p.name,
    physicalType: p.physicalType,
  }));
}
