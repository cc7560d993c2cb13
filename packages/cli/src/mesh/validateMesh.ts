import { Entity } from '@backstage/catalog-model';
import { isChildPath } from '@backstage/cli-common';
import { promises as fs } from 'fs';
import path from 'path';
import {
  checkDataProductReferences,
  checkPortContracts,
  checkSuccessor,
  DataContract,
  DataProductEntityV1alpha1,
  dataProductReferences,
  fileLocationsFolder,
  isDataProductEntity,
  normalizedEntityRef,
  parseDataContract,
  PortContract,
  validateDataProductEntity,
} from '@meshwork/plugin-data-products-common';
import { CatalogLookup } from './catalogLookup';
import type { CatalogRules } from './catalogRules';
import {
  isDataProductDocument,
  loadMesh,
  MeshDocument,
  MeshError,
} from './loadMesh';
import { isFieldWithin } from './isFieldWithin';
import {
  ContractBound,
  ContractPathError,
  NotTextFileError,
  readLocalContractFile,
} from '@meshwork/plugin-data-products-node';
import { removedPortsStillRead } from './removedPortsStillRead';

/** A product that passed validation, with its contracts read from disk. */
export interface ValidProduct {
  file: string;
  ref: string;
  entity: DataProductEntityV1alpha1;
  /** Contract of each output port that has one, by port name. */
  contracts: Map<string, { file?: string; contract: DataContract }>;
  /**
   * The output ports whose contract is (or holds) a placeholder naming a
   * URL: not fetched offline, so not judged here.
   */
  contractsNotFetched: string[];
  /**
   * What is wrong with it (contracts, references): a file may hold several
   * products, so errors are told apart by product, not by file.
   */
  issues: MeshError[];
}

/** An output port's contract field, leading the path of an issue at or within it. */
const CONTRACT_FIELD = /^spec\.outputPorts\[\d+\]\.contract(?=$|[.[])/;

const refOf = (entity: Entity) =>
  normalizedEntityRef({
    kind: entity.kind,
    namespace: entity.metadata.namespace,
    name: entity.metadata.name,
  });

/**
 * What the contracts of a product in no git repository (a copy of one) are
 * read within: as the catalog bounds them, the folder of the app-config's
 * file locations when one reads the product; else the folder named (or
 * holding the file named) on the command line that holds it.
 */
async function contractBoundsOf(
  targets: string[],
  catalogRules: CatalogRules | undefined,
): Promise<(doc: MeshDocument) => ContractBound | undefined> {
  const catalogFiles = fileLocationsFolder(
    catalogRules?.fileLocations?.locations.map(location => location.pattern) ??
      [],
  );
  const named = await Promise.all(
    targets.map(async target => {
      const resolved = path.resolve(target);
      const isFolder = await fs.stat(resolved).then(
        stat => stat.isDirectory(),
        () => false,
      );
      return isFolder ? resolved : path.dirname(resolved);
    }),
  );
  return doc => {
    if (
      doc.readAsFile &&
      catalogFiles !== undefined &&
      isChildPath(catalogFiles, doc.file)
    ) {
      return {
        folder: catalogFiles,
        what: "the folder of the app-config's file locations, which read this file (in no git repository)",
      };
    }
    const folder = named.find(candidate => isChildPath(candidate, doc.file));
    return folder
      ? {
          folder,
          what: 'the folder given on the command line (this file is in no git repository)',
        }
      : undefined;
  };
}

/**
 * Validates the data products under the given paths, as the catalog would:
 * structure, contracts read from disk, and input ports, owners, domains and
 * successors checked against the other entities in the same paths and, with
 * `catalog`, those it holds. Returns the entities read from `catalog` too.
 */
export async function validateMesh(
  targets: string[],
  options: { catalog?: CatalogLookup; catalogRules?: CatalogRules } = {},
) {
  const {
    documents,
    errors,
    contracts: givenContracts,
    notes,
  } = await loadMesh(targets, options);
  const products: ValidProduct[] = [];
  // Contract files the products read, whose mistakes they report.
  const contractFilesRead = new Set<string>();
  // The catalog keeps one entity of a ref, whichever it read last.
  const firstOf = new Map<string, MeshDocument>();
  for (const doc of documents) {
    const ref = normalizedEntityRef({
      kind: doc.entity.kind,
      namespace: doc.entity.metadata.namespace,
      name: doc.entity.metadata.name,
    });
    const first = firstOf.get(ref);
    if (first) {
      errors.push({
        file: doc.file,
        entity: doc.entity.metadata.name,
        path: 'metadata.name',
        message: `${ref} is also defined in ${first.file} (document ${
          first.index + 1
        }): the catalog would keep only one of them`,
      });
    } else {
      firstOf.set(ref, doc);
    }
  }
  const known = new Set(firstOf.keys());
  const contractBoundOf = await contractBoundsOf(targets, options.catalogRules);
  const hasOrg = documents.some(doc =>
    ['Group', 'Domain'].includes(doc.entity?.kind),
  );

  for (const doc of documents.filter(isDataProductDocument)) {
    // Which of a file's products an error is about.
    const entity =
      typeof doc.entity.metadata?.name === 'string'
        ? doc.entity.metadata.name
        : `document ${doc.index + 1}`;
    const schemaIssues = validateDataProductEntity(doc.entity);
    const issues: MeshError[] = schemaIssues
      // What the stand-in for a URL's content lacks, the catalog fetches.
      .filter(issue => !doc.unread.some(at => isFieldWithin(issue.path, at)))
      .map(issue => ({ file: doc.file, entity, ...issue }));
    // A structure a stand-in fails is unknown here: not judged further.
    const structurallyValid = schemaIssues.length === 0;
    const contracts: ValidProduct['contracts'] = new Map();
    const contractsNotFetched: string[] = [];
    // The contracts read, as the product names them, to judge it by.
    const portContracts = new Map<string, PortContract>();
    // The contract fields the schema refused, at or within them; in a set,
    // as a product may list ports and issues by the thousand.
    const refusedContracts = new Set(
      schemaIssues.flatMap(issue => CONTRACT_FIELD.exec(issue.path)?.[0] ?? []),
    );
    // Not a list is a structural issue already.
    const outputPorts = Array.isArray(doc.entity.spec?.outputPorts)
      ? doc.entity.spec.outputPorts
      : [];
    for (const [index, port] of outputPorts.entries()) {
      if (port?.contract === undefined) continue;
      const field = `spec.outputPorts[${index}].contract`;
      // Judged by the catalog, which fetches it.
      if (doc.unread.some(at => isFieldWithin(at, field))) {
        contractsNotFetched.push(port.name);
        continue;
      }
      // Refused already (`contract: ""` is no file): read, it would be
      // reported again, in other and contradicting words.
      if (refusedContracts.has(field)) continue;
      let file: string | undefined;
      let document: unknown = port.contract;
      if (typeof port.contract === 'string') {
        try {
          ({ file, text: document } = await readLocalContractFile(
            doc.file,
            port.contract,
            {
              readAsFile: doc.readAsFile,
              bound: contractBoundOf(doc),
              unbounded:
                'neither a path given on the command line nor a file location of the app-config holds it, so the folder its contracts may be read from is unknown, as the catalog refuses it (expected the file in a git repository, or under a path given or a file location of the app-config)',
            },
          ));
        } catch (error) {
          if (error instanceof ContractPathError) {
            issues.push({
              file: doc.file,
              entity,
              path: field,
              message: error.message,
            });
            continue;
          }
          if (error instanceof NotTextFileError) {
            issues.push({
              file: doc.file,
              entity,
              path: field,
              message: `contract file ${JSON.stringify(port.contract)} ${
                error.message
              }`,
            });
            continue;
          }
          issues.push({
            file: doc.file,
            entity,
            path: field,
            message: `cannot read contract file ${JSON.stringify(
              port.contract,
            )} (expected an ODCS v3 YAML file relative to this file, or from its repository's root with /): ${
              (error as Error).message.split('\n')[0]
            }`,
          });
          continue;
        }
      }
      if (file) contractFilesRead.add(file);
      const parsed = parseDataContract(document);
      for (const error of parsed.errors) {
        issues.push({
          file: file ?? doc.file,
          entity,
          path: `${field}${error.path ? `.${error.path}` : ''}`,
          message: error.message,
        });
      }
      if (parsed.contract && parsed.errors.length === 0) {
        contracts.set(port.name, { file, contract: parsed.contract });
        portContracts.set(port.name, {
          contract: parsed.contract,
          written:
            typeof port.contract === 'string' ? port.contract : undefined,
        });
      }
    }
    for (const issue of checkPortContracts(doc.entity, portContracts)) {
      if (doc.unread.some(at => isFieldWithin(issue.path, at))) continue;
      issues.push({ file: doc.file, entity, ...issue });
    }
    // Not pushed as arguments: a product may have more issues than a call
    // takes.
    issues.forEach(issue => errors.push(issue));
    // References are checked for every product whose structure is sound, even
    // when a contract is not, so that each mistake is reported in one run.
    if (structurallyValid) {
      products.push({
        file: doc.file,
        ref: normalizedEntityRef({
          kind: doc.entity.kind,
          namespace: doc.entity.metadata.namespace,
          name: doc.entity.metadata.name,
        }),
        entity: doc.entity,
        contracts,
        contractsNotFetched,
        issues,
      });
    }
  }

  // A contract given by name, checked as one unless a product read it.
  for (const { file, text } of givenContracts) {
    if (contractFilesRead.has(path.resolve(file))) continue;
    for (const error of parseDataContract(text).errors) {
      errors.push({ file, path: error.path, message: error.message });
    }
  }

  // What the products name that the paths do not hold, from the catalog.
  const fromCatalog = new Map<string, Entity>();
  if (options.catalog) {
    const named = products.flatMap(({ entity }) => {
      const refs = dataProductReferences(entity);
      return [
        normalizedEntityRef(refs.owner),
        normalizedEntityRef(refs.domain),
        ...refs.upstreams.map(u => u.target.productRef),
        ...(refs.successor ? [refs.successor] : []),
      ];
    });
    const missing = [...new Set(named)].filter(ref => !known.has(ref));
    for (const entity of await options.catalog(missing)) {
      fromCatalog.set(refOf(entity), entity);
    }
  }
  const byRef = new Map(products.map(p => [p.ref, p]));
  for (const product of products) {
    const where = options.catalog
      ? 'among the given entities nor in the catalog'
      : 'among the given entities';
    const lookup = (ref: string) => {
      const stored = fromCatalog.get(ref);
      if (stored) {
        return isDataProductEntity(stored)
          ? { outputPorts: stored.spec.outputPorts.map(p => p.name) }
          : {};
      }
      if (!known.has(ref)) return undefined;
      const upstream = byRef.get(ref);
      // A product that failed validation exists, but its ports are unknown.
      return upstream
        ? { outputPorts: upstream.entity.spec.outputPorts.map(p => p.name) }
        : {};
    };
    const issues = [
      ...checkDataProductReferences(product.entity, {
        where,
        checkOwnerAndDomain: hasOrg || Boolean(options.catalog),
        lookup,
      }),
      ...checkSuccessor(product.entity, { where, lookup }),
    ];
    const located = issues.map(issue => ({
      file: product.file,
      entity: product.entity.metadata.name,
      ...issue,
    }));
    located.forEach(issue => {
      product.issues.push(issue);
      errors.push(issue);
    });
  }
  if (options.catalog) {
    const stillRead = await removedPortsStillRead(products, options.catalog);
    for (const { ref, error } of stillRead) {
      byRef.get(ref)!.issues.push(error);
      errors.push(error);
    }
  }
  return {
    products,
    contracts: givenContracts.length,
    errors,
    notes,
    documents,
    fromCatalog: [...fromCatalog.values()],
  };
}
