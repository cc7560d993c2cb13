import { isChildPath } from '@backstage/cli-common';
import {
  contractTextNotPath,
  hiddenSegmentOf,
} from '@meshwork/plugin-data-products-common';
import { promises as fs } from 'fs';
import path from 'path';
import { readTextFile } from './readTextFile';

/** A contract path the catalog would refuse to read. */
export class ContractPathError extends Error {}

/**
 * What a contract is read within when its product is in no git repository
 * (a copy of one): as the catalog bounds it, the folder of the app-config's
 * file locations that read it, else the folder named on the command line.
 */
export interface ContractBound {
  folder: string;
  /** Names the bound in a message: `the folder given`. */
  what: string;
}

/**
 * The contract file that `written`, in the product file `productFile`,
 * names, and its text (`parseDataContract` reads it as YAML). Bounded as
 * the catalog bounds a contract: a path relative to the product's file, or
 * `/…` from the root of its git repository as the catalog resolves one
 * against a repository location's URL (but not with `readAsFile`, when a
 * file location reads the product); within that repository, or with none
 * within `bound`, symlinks followed (with neither, none is read); never a
 * hidden file or folder.
 */
export async function readContractFile(
  productFile: string,
  written: string,
  options: { readAsFile?: boolean; bound?: ContractBound } = {},
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
  const bound = root
    ? { folder: root, what: 'the git repository of this file' }
    : options.bound;
  // As the catalog: a file reached through a Location beyond the paths
  // given bounds nothing it can tell, so no contract of it is read.
  if (!bound) {
    throw new ContractPathError(
      `contract ${JSON.stringify(
        written,
      )} is not read: this file is in no git repository, and neither a path given on the command line nor a file location of the app-config holds it, so the folder its contracts may be read from is unknown, as the catalog refuses it (expected the file in a git repository, or under a path given or a file location of the app-config)`,
    );
  }
  if (!isChildPath(bound.folder, file)) {
    throw new ContractPathError(
      `contract ${JSON.stringify(written)} is outside ${bound.folder}, ${
        bound.what
      }`,
    );
  }
  // As written and as linked: a link may lead to a hidden file.
  const base = bound.folder;
  const hidden =
    hiddenSegmentOf(path.relative(base, file)) ??
    hiddenSegmentOf(
      path.relative(
        await fs.realpath(base).catch(() => base),
        await fs.realpath(file).catch(() => file),
      ),
    );
  if (hidden) {
    throw new ContractPathError(
      `contract ${JSON.stringify(
        written,
      )} is in a hidden file or folder (${hidden}), which the catalog never reads as a contract: hidden files hold secrets (.env) and git's own (.git)`,
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
