import type { Entity } from '@backstage/catalog-model';
import {
  DataContract,
  DataProductEntityV1alpha1,
  parseDataContract,
  ValidationIssue,
} from '@meshwork/plugin-data-products-common';
import type { CheckContext, RuntimeFindings } from './GovernanceCheck';

/**
 * The context for checking a product as the catalog holds it: contracts
 * inlined in the output ports (a contract still given as a path was not
 * read, so it counts as missing), or those given by port name (the CLI
 * reads them from files). A contract naming no column counts as missing
 * either way: there is nothing to check it, or the data, against.
 */
export function checkContextOf(
  product: DataProductEntityV1alpha1,
  options: {
    owner?: Entity;
    inputPortIssues?: ValidationIssue[];
    runtime?: RuntimeFindings;
    contracts?: Map<string, DataContract | undefined>;
  } = {},
): CheckContext {
  const contracts = new Map(
    (product.spec.outputPorts ?? []).map(port => {
      const contract = options.contracts
        ? options.contracts.get(port.name)
        : port.contract &&
          typeof port.contract === 'object' &&
          parseDataContract(port.contract, { requireSchema: true }).contract;
      return [
        port.name,
        contract && contract.schema.some(object => object.properties.length)
          ? contract
          : undefined,
      ];
    }),
  );
  return {
    product,
    contracts,
    owner: options.owner,
    inputPortIssues: options.inputPortIssues ?? [],
    runtime: options.runtime,
  };
}
