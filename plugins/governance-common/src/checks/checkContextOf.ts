import type { Entity } from '@backstage/catalog-model';
import {
  DataContract,
  DataProductEntityV1alpha1,
  parseDataContract,
  someOf,
  ValidationIssue,
} from '@meshwork/plugin-data-products-common';
import type { CheckContext, RuntimeFindings } from './GovernanceCheck';

/**
 * Why a contract valid as ODCS names no column, or undefined when it names
 * one: a topic whose schema a registry holds, say, or `schema: []`.
 */
function columnlessReason(contract: DataContract): string | undefined {
  if (contract.schema.length === 0) return 'it has no schema objects';
  if (contract.schema.some(object => object.properties.length)) {
    return undefined;
  }
  const names = contract.schema.map(object => object.name);
  return names.length === 1
    ? `schema object ${names[0]} has no properties`
    : `schema objects ${someOf(names)} have no properties`;
}

/**
 * The context for checking a product as the catalog holds it: contracts
 * inlined in the output ports (a contract still given as a path was not
 * read, so it counts as missing), or those given by port name (the CLI
 * reads them from files, named in `contractFiles`). A contract naming no
 * column counts as missing either way: there is nothing to check it, or the
 * data, against; `contractProblems` says so, naming the port and the file.
 */
export function checkContextOf(
  product: DataProductEntityV1alpha1,
  options: {
    owner?: Entity;
    inputPortIssues?: ValidationIssue[];
    runtime?: RuntimeFindings;
    contracts?: Map<string, DataContract | undefined>;
    /** The file each port's contract was read from, as messages name it. */
    contractFiles?: Map<string, string>;
  } = {},
): CheckContext {
  const contractProblems = new Map<string, string>();
  const contracts = new Map(
    (product.spec.outputPorts ?? []).map(port => {
      const contract = options.contracts
        ? options.contracts.get(port.name)
        : port.contract &&
          typeof port.contract === 'object' &&
          // Without a schema object it is valid ODCS, said below to name no column.
          parseDataContract(port.contract).contract;
      const reason = contract ? columnlessReason(contract) : undefined;
      if (reason) {
        const file = options.contractFiles?.get(port.name);
        contractProblems.set(
          port.name,
          `the contract of port ${port.name}${
            file ? ` (${file})` : ''
          } names no column: ${reason}`,
        );
      }
      return [port.name, contract && !reason ? contract : undefined];
    }),
  );
  return {
    product,
    contracts,
    contractProblems,
    owner: options.owner,
    inputPortIssues: options.inputPortIssues ?? [],
    runtime: options.runtime,
  };
}
