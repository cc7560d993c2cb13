import { isChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  contractTextNotPath,
  hiddenSegmentOf,
} from '@meshwork/plugin-data-products-common';
import { promises as fs } from 'fs';
import path from 'path';
import { readTextFile } from './readTextFile';

/**
 * A contract path that is not read: outside its bound, hidden, or one no
 * bound can be told for. The product's author's mistake, not the reader's.
 */
export class ContractPathError extends InputError {}

/**
 * What a contract is read within when its product's file is in no git
 * repository (a copy of one): the folder of the app-config's file locations
 * that read it, say.
 */
export interface ContractBound {
  folder: string;
  /** Names the bound after its folder in a message: `the folder given`. */
  what: string;
}

/** Options of `readLocalContractFile`. */
export interface LocalContractFileOptions {
  /**
   * Whether a file location reads the product: then `/…` is refused, as the
   * catalog reads a contract from a repository's root only through a url
   * location; else it is read from the root of the product's repository.
   */
  readAsFile?: boolean;
  /** The bound when the product's file is in no git repository. */
  bound?: ContractBound;
  /**
   * Why no bound is known when the product's file is in no git repository
   * and `bound` is not given, said after `this file is in no git repository,
   * and`.
   */
  unbounded?: string;
  /** Finds the git repository of the product's file. */
  repositoryRootOf?: (file: string) => Promise<string | undefined>;
}

/**
 * The contract file that `written`, in the product file `productFile`,
 * names, and its text, as the catalog and the CLI read it: a path relative
 * to the product's file, or `/…` from the root of its git repository (not
 * with `readAsFile`); within that repository, or with none within `bound`,
 * symlinks followed (with neither, none is read); never a hidden file or
 * folder; only UTF-8 text in a regular file (see `readTextFile`).
 *
 * Throws a `ContractPathError` for a path not read, a `NotTextFileError`
 * for a file that is no text, else the system's error.
 */
export async function readLocalContractFile(
  productFile: string,
  written: string,
  options: LocalContractFileOptions = {},
): Promise<{ file: string; text: string }> {
  const quoted = JSON.stringify(written);
  const notPath = contractTextNotPath(written);
  if (notPath) throw new ContractPathError(notPath);
  const fromRoot = written.startsWith('/');
  if (options.readAsFile && (fromRoot || path.isAbsolute(written))) {
    throw new ContractPathError(
      `contract ${quoted} must be a path relative to this file: a file location reads it, where the catalog reads no contract from a repository's root (only a url location does)`,
    );
  }
  const root = await (options.repositoryRootOf ?? repositoryRootOf)(
    productFile,
  );
  if (fromRoot && !root) {
    throw new ContractPathError(
      `contract ${quoted} is read from the root of the git repository of this file, and it is in none (expected a path relative to this file)`,
    );
  }
  const file = fromRoot
    ? path.join(root!, written)
    : path.resolve(path.dirname(productFile), written);
  const bound = root
    ? { folder: root, what: 'the git repository of this file' }
    : options.bound;
  // As the catalog: a file reached through a Location beyond the file
  // locations it knows bounds nothing it can tell, so no contract is read.
  if (!bound) {
    throw new ContractPathError(
      `contract ${quoted} is not read: this file is in no git repository, and ${
        options.unbounded ??
        'no file location of the app-config read it, so the folder its contracts may be read from is unknown (expected the file in a git repository, or read through a file location of the app-config)'
      }`,
    );
  }
  // Lexically here; as linked below, since a link may point out.
  if (!isChildPath(bound.folder, file)) {
    throw new ContractPathError(
      `contract ${quoted} is outside ${bound.folder}, ${bound.what}`,
    );
  }
  // As written and as linked: a link may lead to a hidden file. A path that
  // cannot be resolved is judged as written; its read then says why.
  const hidden =
    hiddenSegmentOf(path.relative(bound.folder, file)) ??
    hiddenSegmentOf(
      path.relative(
        await fs.realpath(bound.folder).catch(() => bound.folder),
        await fs.realpath(file).catch(() => file),
      ),
    );
  if (hidden) throw hiddenContractError(written, hidden);
  return { file, text: await readTextFile(file) };
}

/** The error for a contract `written` in the hidden file or folder `hidden`. */
export function hiddenContractError(
  written: string,
  hidden: string,
): ContractPathError {
  return new ContractPathError(
    `contract ${JSON.stringify(
      written,
    )} is in a hidden file or folder (${hidden}), which the catalog never reads as a contract: hidden files hold secrets (.env) and git's own (.git)`,
  );
}

/**
 * The folder of the git repository holding `file` (the nearest holding
 * `.git`); none outside a repository (a copy of one, say), whose bounds
 * cannot be told.
 */
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

/**
 * `repositoryRootOf`, each folder's answer kept: for a reader that reads
 * the same files again and again (the catalog, each processing cycle).
 */
export function cachedRepositoryRootOf(): (
  file: string,
) => Promise<string | undefined> {
  const roots = new Map<string, Promise<string | undefined>>();
  return file => {
    const folder = path.dirname(path.resolve(file));
    let root = roots.get(folder);
    if (!root) {
      root = repositoryRootOf(file);
      roots.set(folder, root);
    }
    return root;
  };
}
