import type { ContractError } from './ContractError';
import type { DataContract, PropertyDefinition } from './DataContract';
import { contractStructureErrors } from './contractStructureErrors';
import { qualityRuleErrors } from './qualityRuleErrors';
import { describeSchemaErrors } from './describeSchemaErrors';
import { readContractYaml } from './readContractYaml';
import { toDataContract } from './toDataContract';

export interface ParseDataContractResult {
  /** Set when there are no errors. */
  contract?: DataContract;
  /** The document as read, when the input was text that is valid YAML. */
  document?: unknown;
  errors: ContractError[];
}

/**
 * Names are how the diff matches objects and properties, so they must be
 * unique. Each repeat is added to `errors`, not returned to be pushed as
 * arguments: a list may repeat more names than a call takes.
 */
function duplicateNames(
  items: Array<{
    name?: string;
    physicalName?: string;
    properties?: PropertyDefinition[];
    items?: PropertyDefinition;
  }>,
  path: string,
  what: string,
  errors: ContractError[] = [],
): ContractError[] {
  const seen = new Set<string | undefined>();
  // Properties are also columns, by their physical name where they give
  // one: two of one column would be judged against each other's type.
  const columns = new Set<string>();
  items.forEach((item, index) => {
    const itemPath = `${path}[${index}]`;
    const nameRepeated = item.name !== undefined && seen.has(item.name);
    if (nameRepeated) {
      errors.push({
        path: `${itemPath}.name`,
        message: `must be unique among the ${what} here; ${JSON.stringify(
          item.name,
        )} is used more than once`,
      });
    }
    seen.add(item.name);
    const column = item.physicalName ?? item.name;
    if (what === 'properties' && column !== undefined) {
      const byName = item.physicalName === undefined;
      if (columns.has(column) && !(byName && nameRepeated)) {
        errors.push({
          path: `${itemPath}.${byName ? 'name' : 'physicalName'}`,
          message: `must be unique among the columns here; ${JSON.stringify(
            column,
          )} is already another property's column`,
        });
      }
      columns.add(column);
    }
    duplicateNames(
      item.properties ?? [],
      `${itemPath}.properties`,
      'properties',
      errors,
    );
    duplicateNames(
      item.items?.properties ?? [],
      `${itemPath}.items.properties`,
      'properties',
      errors,
    );
  });
  return errors;
}

/**
 * The diff matches servers by their `server` name: of two with one name, it
 * would compare only the last.
 */
function duplicateServers(doc: Record<string, unknown>): ContractError[] {
  const seen = new Set<string>();
  const errors: ContractError[] = [];
  ((doc.servers ?? []) as Array<{ server: string }>).forEach(
    ({ server }, index) => {
      if (seen.has(server)) {
        errors.push({
          path: `servers[${index}].server`,
          message: `must be unique among the servers; ${JSON.stringify(
            server,
          )} is used more than once`,
        });
      }
      seen.add(server);
    },
  );
  return errors;
}

/**
 * Reads an ODCS v3 data contract (v3.0.0 to v3.1.0) from YAML or JSON text,
 * or from an already parsed object, and checks the structure Meshwork's
 * model relies on. Fields Meshwork does not know are allowed and kept.
 * Returns the contract, or every problem found with its path.
 */
export function parseDataContract(input: unknown): ParseDataContractResult {
  if (typeof input === 'string') {
    const read = readContractYaml(input);
    return read.errors.length > 0
      ? read
      : {
          ...parseContractDocument(read.document),
          document: read.document,
        };
  }
  return parseContractDocument(input);
}

/**
 * What kind of value a document that is no object is, without its value: a
 * file read as a contract by mistake (a `.env`) would be echoed into
 * processing errors that every signed-in user can list.
 */
function describeKind(doc: unknown): string {
  if (Array.isArray(doc)) return 'a list';
  if (typeof doc === 'string') {
    return `a string of ${doc.length} character${doc.length === 1 ? '' : 's'}`;
  }
  return `a ${typeof doc}`;
}

/**
 * Checks a document already read. Text read as YAML may itself be a string
 * (a file holding only `TODO`), which is a wrong document, not more YAML.
 */
function parseContractDocument(doc: unknown): ParseDataContractResult {
  if (doc === null || doc === undefined) {
    return {
      errors: [
        { path: '', message: 'is empty: expected an ODCS data contract' },
      ],
    };
  }
  if (typeof doc !== 'object' || Array.isArray(doc)) {
    return {
      errors: [
        {
          path: '',
          message: `must be an ODCS data contract, an object with apiVersion, kind, id, version and status (found ${describeKind(
            doc,
          )})`,
        },
      ],
    };
  }
  const structural = contractStructureErrors(doc as Record<string, unknown>);
  if (structural.length > 0) {
    return { errors: describeSchemaErrors(structural) };
  }
  const contract = toDataContract(doc as Record<string, unknown>);
  const errors = [
    ...duplicateNames(contract.schema, 'schema', 'schema objects'),
    ...duplicateServers(doc as Record<string, unknown>),
    ...qualityRuleErrors(doc as Record<string, unknown>),
  ];
  return errors.length > 0 ? { errors } : { contract, errors };
}
