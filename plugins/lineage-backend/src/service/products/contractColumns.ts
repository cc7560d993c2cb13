import {
  contractSchemaObject,
  LogicalType,
  OutputPort,
  SchemaProperty,
} from '@meshwork/plugin-data-products-common';

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
