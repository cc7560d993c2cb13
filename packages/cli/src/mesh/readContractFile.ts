import { isChildPath } from '@backstage/cli-common';
import { contractTextNotPath } from '@meshwork/plugin-data-products-common';
import { promises as fs } from 'fs';
import path from 'path';
import { readTextFile } from './readTextFile';

/** A contract path the catalog would refuse to read. */
export class ContractPathError extends Error {}

/**
 * The contract file that `written`, in the product file `productFile`,
 * names, and its text (`parseDataContract` reads it as YAML). Bounded as
 * the catalog bounds a contract: a path relative to the product's file, or
 * `/…` from the root of its git repository as the catalog resolves one
 * against a repository location's URL (but not with `readAsFile`, when a
 * file location reads the product); within that repository, symlinks
 * followed.
 */
export async function readContractFile(
  productFile: string,
  written: string,
  options: { readAsFile?: boolean } = {},
): Promise<{ file: string; text: string }> {
  const notPath = contractTextNotPath(written);
  if (notPath) throw new ContractPathError(notPath);
  if (options.readAsFile && written.startsWith('/')) {
    throw new ContractPathError(
      `contract ${JSON.stringify(
        written,
      )} must be a path relative to this file: a file location of the app-config reads it, where the catalog reads no contract from a repository's root (only a url location does)`,
    );
  }
  const root = await repositoryRootOf(productFile);
  if (written.startsWith('/') && !root) {
    throw new ContractPathError(
      `contract ${JSON.stringify(
        written,
      )} is read from the root of the git repository of this file, and it is in none (expected a path relative to this file)`,
    );
  }
  const file = written.startsWith('/')
    ? path.join(root!, written)
    : path.resolve(path.dirname(productFile), written);
  if (root && !isChildPath(root, file)) {
    throw new ContractPathError(
      `contract ${JSON.stringify(
        written,
      )} is outside ${root}, the git repository of this file`,
    );
  }
  return { file, text: await readTextFile(file) };
}

/** The nearest folder holding `.git` above `file`, if any. */
export async function repositoryRootOf(
  file: string,
): Promise<string | undefined> {
  for (let dir = path.dirname(path.resolve(file)); ; dir = path.dirname(dir)) {
    const found = await fs.stat(path.join(dir, '.git')).then(
      () => true,
      () => false,
    );
    if (found) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}
