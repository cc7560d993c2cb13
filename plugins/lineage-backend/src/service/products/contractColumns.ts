import {
  LogicalType,
  OutputPort,
  parseDataContract,
  SchemaObject,
  SchemaProperty,
} from '@meshwork/plugin-data-products-common';

/**
 * The names a dataset's table may go by in a contract, likeliest first: its
 * full name, the last part after a `.` (`mart.orders`), and for a path
 * (`s3://lake/orders.parquet`) its file name with and without extension.
 */
function tableNames(datasetName: string): string[] {
  const name = datasetName.toLowerCase();
  const names = [name, name.split('.').pop()!];
  if (name.includes('/')) {
    const file = name.split('/').pop()!;
    names.push(file, file.replace(/\.[a-z0-9]+$/, ''));
  }
  return names;
}

/**
 * The schema object of the port's contract that describes its dataset: the
 * one named like its table, or the only one. A contract of several tables
 * none of which is named so says nothing of this dataset.
 */
export function contractSchemaObject(
  port: OutputPort,
): SchemaObject | undefined {
  if (!port.contract || typeof port.contract === 'string') return undefined;
  const { contract } = parseDataContract(port.contract);
  if (!contract) return undefined;
  const named = tableNames(port.dataset.name)
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
 * A column a contract declares, with the properties of an object (those of
 * an array's elements, ODCS `items`, are not compared).
 */
export type ContractColumn = {
  name: string;
  physicalType?: string;
  /** Judged only where the contract gives no physical type (it is optional). */
  logicalType?: LogicalType;
  properties?: ContractColumn[];
};

/** The columns of the port's contract (see contractSchemaObject). */
export function contractColumns(port: OutputPort): ContractColumn[] {
  return columnsOf(contractSchemaObject(port)?.properties ?? []);
}

function columnsOf(properties: SchemaProperty[]): ContractColumn[] {
  return properties.map(p => ({
    name: p.physicalName ?? p.name,
    physicalType: p.physicalType,
    logicalType: p.logicalType,
    ...(p.properties.length ? { properties: columnsOf(p.properties) } : {}),
  }));
}
