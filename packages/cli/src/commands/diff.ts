import { promises as fs } from 'fs';
import path from 'path';
import {
  ContractChange,
  DataContract,
  datasetSpellingKey,
  diffDataContracts,
  parseDataContract,
  parseInputPortRef,
} from '@meshwork/plugin-data-products-common';
import { describeMeshError } from '../mesh/loadMesh';
import { printable } from '../mesh/printable';
import {
  readTextFile,
  whyUnreadable,
} from '@meshwork/plugin-data-products-node';
import { validateMesh } from '../mesh/validateMesh';

async function readContract(file: string): Promise<DataContract> {
  const text = await readTextFile(file).catch(error => {
    throw new Error(`${file}: ${whyUnreadable(error)}`);
  });
  const { contract, errors } = parseDataContract(text);
  if (!contract || errors.length > 0) {
    throw new Error(
      errors
        .map(e =>
          printable(`${file}: ${e.path ? `${e.path}: ` : ''}${e.message}`),
        )
        .join('\n'),
    );
  }
  return contract;
}

/** Products whose input ports read the output port(s) that use the changed contract. */
async function findConsumers(catalog: string, contractFiles: string[]) {
  // Else every contract would seem to have no consumers.
  try {
    await fs.access(catalog, fs.constants.R_OK);
  } catch (error) {
    throw new Error(
      `--catalog ${catalog}: cannot read (${(error as Error).message})`,
    );
  }
  const { products, errors } = await validateMesh([catalog]);
  // An invalid product's ports and consumers are missing from what is found.
  for (const error of errors) {
    process.stderr.write(
      `meshwork: ${describeMeshError(
        error,
        path.relative(process.cwd(), error.file) || error.file,
      )}\n`,
    );
  }
  const resolved = contractFiles.map(file => path.resolve(file));
  const changedPorts = products.flatMap(product =>
    [...product.contracts.entries()]
      .filter(([, c]) => c.file && resolved.includes(c.file))
      .map(([port]) => ({
        product,
        port,
        dataset: product.entity.spec.outputPorts.find(p => p.name === port)
          ?.dataset,
      })),
  );
  const consumers = products.flatMap(consumer => {
    const read = (consumer.entity.spec.inputPorts ?? []).flatMap(input => {
      const target = input.from
        ? parseInputPortRef(input.from, consumer.entity.metadata.namespace)
        : undefined;
      // An input names the port it reads (`from`) or its dataset, keyed as
      // the catalog relates them, whatever spelling of its namespace
      // (postgres:// or postgresql://) each uses.
      const hit = changedPorts.find(c =>
        target
          ? c.product.ref === target.productRef && c.port === target.port
          : !input.from &&
            input.dataset !== undefined &&
            c.dataset !== undefined &&
            datasetSpellingKey(input.dataset) === datasetSpellingKey(c.dataset),
      );
      return hit ? [`${hit.product.ref}#${hit.port}`] : [];
    });
    // Two input ports reading one port (by `from` and by its dataset) are
    // one consumer of it.
    return [...new Set(read)].map(via => ({
      product: consumer.ref,
      owner: consumer.entity.spec.owner,
      tier: consumer.entity.spec.tier,
      via,
    }));
  });
  consumers.sort(
    (a, b) => a.tier - b.tier || a.product.localeCompare(b.product),
  );
  return {
    ports: changedPorts.map(c => `${c.product.ref}#${c.port}`),
    consumers,
  };
}

/**
 * `meshwork diff <old> <new> [--catalog <folder>]`: the changes between two
 * versions of a contract and, with a catalog, who consumes it. Exit 1 when
 * anything is breaking.
 */
export async function diff(
  oldFile: string,
  newFile: string,
  options: { catalog?: string; format: 'text' | 'json' },
): Promise<number> {
  const changes: ContractChange[] = diffDataContracts(
    await readContract(oldFile),
    await readContract(newFile),
  );
  const breaking = changes.filter(c => c.severity === 'breaking');
  const impact = options.catalog
    ? await findConsumers(options.catalog, [oldFile, newFile])
    : undefined;

  if (options.format === 'json') {
    process.stdout.write(
      `${JSON.stringify(
        { breaking: breaking.length > 0, changes, ...impact },
        null,
        2,
      )}\n`,
    );
  } else {
    for (const change of changes) {
      process.stdout.write(
        `${printable(
          `${change.severity.toUpperCase()} ${change.kind} ${change.path}: ${
            change.message
          }`,
        )}\n`,
      );
    }
    if (changes.length === 0) {
      process.stdout.write('No changes.\n');
    }
    if (impact) {
      process.stdout.write(
        `${printable(
          impact.ports.length === 0
            ? `No output port in ${options.catalog} uses this contract.`
            : `Output port(s) using this contract: ${impact.ports.join(', ')}`,
        )}\n`,
      );
      for (const consumer of impact.consumers) {
        process.stdout.write(
          `${printable(
            `Affected downstream: ${consumer.product} (owner ${consumer.owner}, tier ${consumer.tier}) via ${consumer.via}`,
          )}\n`,
        );
      }
    }
    process.stderr.write(
      `${breaking.length} breaking, ${
        changes.length - breaking.length
      } other changes\n`,
    );
  }
  return breaking.length > 0 ? 1 : 0;
}
