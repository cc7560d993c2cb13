import { promises as fs } from 'fs';
import path from 'path';
import { parse as parseYaml } from 'yaml';
import {
  DataContract,
  DataProductEntityV1alpha1,
  parseDataContract,
  parseInputPortRef,
  validateDataProductEntity,
} from '@meshwork/plugin-data-products-common';
import { isDataProductDocument, loadMesh, MeshError } from './loadMesh';

/** A product that passed validation, with its contracts read from disk. */
export interface ValidProduct {
  file: string;
  ref: string;
  entity: DataProductEntityV1alpha1;
  /** Contract of each output port that has one, by port name. */
  contracts: Map<string, { file?: string; contract: DataContract }>;
}

function refOf(entity: { metadata?: { name?: string; namespace?: string } }) {
  const namespace = (entity.metadata?.namespace ?? 'default').toLowerCase();
  return `${namespace}/${String(entity.metadata?.name).toLowerCase()}`;
}

function kindRef(kind: string, ref: string, namespace: string) {
  const [maybeKind, rest] = ref.includes(':')
    ? ref.split(/:(.*)/s)
    : [kind, ref];
  const name = rest.includes('/') ? rest : `${namespace}/${rest}`;
  return `${maybeKind.toLowerCase()}:${name.toLowerCase()}`;
}

async function readContract(file: string, port: string, contract: unknown) {
  const field = `spec.outputPorts[${port}].contract`;
  if (typeof contract !== 'string') {
    return { field, file: undefined, document: contract };
  }
  const contractFile = path.resolve(path.dirname(file), contract);
  const text = await fs.readFile(contractFile, 'utf8');
  return { field, file: contractFile, document: parseYaml(text) };
}

/**
 * Validates the data products under the given paths offline, as the catalog
 * would: structure, contracts read from disk, and input ports, owners and
 * domains checked against the other entities in the same paths.
 */
export async function validateMesh(targets: string[]) {
  const { documents, errors } = await loadMesh(targets);
  const products: ValidProduct[] = [];
  const known = new Set(
    documents.map(
      doc => `${String(doc.entity?.kind).toLowerCase()}:${refOf(doc.entity)}`,
    ),
  );
  const hasOrg = documents.some(doc =>
    ['Group', 'Domain'].includes(doc.entity?.kind),
  );

  for (const doc of documents.filter(isDataProductDocument)) {
    const issues: MeshError[] = validateDataProductEntity(doc.entity).map(
      issue => ({
        file: doc.file,
        ...issue,
      }),
    );
    const structurallyValid = issues.length === 0;
    const contracts: ValidProduct['contracts'] = new Map();
    for (const [index, port] of (
      doc.entity.spec?.outputPorts ?? []
    ).entries()) {
      if (port?.contract === undefined) continue;
      try {
        const { field, file, document } = await readContract(
          doc.file,
          String(index),
          port.contract,
        );
        const parsed = parseDataContract(document);
        for (const error of parsed.errors) {
          issues.push({
            file: file ?? doc.file,
            path: `${field}${error.path ? `.${error.path}` : ''}`,
            message: error.message,
          });
        }
        if (parsed.contract && parsed.errors.length === 0) {
          contracts.set(port.name, { file, contract: parsed.contract });
        }
      } catch (error) {
        issues.push({
          file: doc.file,
          path: `spec.outputPorts[${index}].contract`,
          message: `cannot read contract file ${JSON.stringify(
            port.contract,
          )} (expected an ODCS v3 YAML file relative to this file): ${
            (error as Error).message.split('\n')[0]
          }`,
        });
      }
    }
    errors.push(...issues);
    // References are checked for every product whose structure is sound, even
    // when a contract is not, so that each mistake is reported in one run.
    if (structurallyValid) {
      products.push({
        file: doc.file,
        ref: `dataproduct:${refOf(doc.entity)}`,
        entity: doc.entity,
        contracts,
      });
    }
  }

  const byRef = new Map(products.map(p => [p.ref, p]));
  for (const product of products) {
    const namespace = product.entity.metadata.namespace ?? 'default';
    if (hasOrg) {
      const owner = kindRef('group', product.entity.spec.owner, namespace);
      if (!known.has(owner)) {
        errors.push({
          file: product.file,
          path: 'spec.owner',
          message: `${owner} is not among the given entities (expected an existing Group)`,
        });
      }
      const domain = kindRef('domain', product.entity.spec.domain, namespace);
      if (!known.has(domain)) {
        errors.push({
          file: product.file,
          path: 'spec.domain',
          message: `${domain} is not among the given entities (expected an existing Domain)`,
        });
      }
    }
    (product.entity.spec.inputPorts ?? []).forEach((port, index) => {
      const target = port.from ? parseInputPortRef(port.from) : undefined;
      if (!target) return;
      const field = `spec.inputPorts[${index}].from`;
      const upstream = byRef.get(target.productRef);
      if (!upstream) {
        const exists = known.has(target.productRef);
        errors.push({
          file: product.file,
          path: field,
          message: exists
            ? `${target.productRef} is itself invalid, so its ports cannot be checked`
            : `${target.productRef} is not among the given data products (expected an existing DataProduct)`,
        });
        return;
      }
      const ports = upstream.entity.spec.outputPorts.map(p => p.name);
      if (!ports.includes(target.port)) {
        errors.push({
          file: product.file,
          path: field,
          message: `${target.productRef} has no output port ${JSON.stringify(
            target.port,
          )} (it has: ${ports.join(', ')})`,
        });
      }
    });
  }
  return { products, errors };
}
