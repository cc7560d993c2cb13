import { isChildPath } from '@backstage/cli-common';
import { promises as fs } from 'fs';
import path from 'path';
import { repositoryRootOf } from '@meshwork/plugin-data-products-node';
import { URL_SCHEME } from './readPlaceholders';

/** The files a Location entity names, as read from its file on disk. */
export interface LocationTargets {
  /** In the Location's order, the files a glob matches in name order. */
  files: string[];
  /** Targets the catalog could not read, by field. */
  problems: Array<{ path: string; message: string }>;
  /** Targets naming a URL, by field: CI reads no network. */
  unread: Array<{ path: string; target: string }>;
}

/**
 * The files `spec.target` and `spec.targets` of a Location entity read from
 * `file` name, as the catalog reads them beside the Location's own file
 * (`/…` from the root of its git repository, never outside it): a glob
 * matches files as its file reader's does, hidden ones left out. One that
 * matches nothing fails the Location there, unless `spec.presence` is
 * optional.
 *
 * Read through one of the catalog's file locations (`backendDir` given, the
 * backend's working folder), a target names a file as Backstage's
 * LocationEntityProcessor resolves it there: beside this file only when it
 * starts with `.`; `/…` from the filesystem's root; any other from
 * `backendDir`, where the backend globs it.
 */
export async function locationTargets(
  entity: { spec?: Record<string, unknown> },
  file: string,
  backendDir?: string,
): Promise<LocationTargets> {
  const spec = entity.spec ?? {};
  // Backstage's Location validator has made sure of their types.
  const written: Array<[string, string]> = [
    ...(typeof spec.target === 'string'
      ? [['spec.target', spec.target] as [string, string]]
      : []),
    ...((spec.targets ?? []) as string[]).map(
      (target, i) => [`spec.targets[${i}]`, target] as [string, string],
    ),
  ];
  const result: LocationTargets = { files: [], problems: [], unread: [] };
  const root = await repositoryRootOf(file);
  for (const [field, target] of written) {
    const problem = (message: string) =>
      result.problems.push({
        path: field,
        message: `${JSON.stringify(target)} ${message}`,
      });
    if (URL_SCHEME.test(target)) {
      result.unread.push({ path: field, target });
      continue;
    }
    if (backendDir !== undefined) {
      result.files.push(
        ...(await readFileTargets(
          target,
          file,
          backendDir,
          spec.presence,
          problem,
        )),
      );
      continue;
    }
    if (target.startsWith('/') && !root) {
      problem(
        'is read from the root of the git repository of this file, and it is in none',
      );
      continue;
    }
    const pattern = target.startsWith('/')
      ? path.join(root!, target)
      : path.resolve(path.dirname(file), target);
    const matches: string[] = [];
    try {
      for await (const match of fs.glob(pattern)) matches.push(match);
    } catch (error) {
      problem(`cannot be read: ${(error as Error).message}`);
      continue;
    }
    if (matches.length === 0 && spec.presence !== 'optional') {
      problem(
        "matches no file (expected a file or a glob, relative to this file or from its repository's root with /)",
      );
    }
    for (const match of matches.sort()) {
      if (root && isOutside(root, match)) {
        problem(
          `names ${match}, outside ${root}, the git repository of this file`,
        );
      } else if (
        await fs.stat(match).then(
          stat => stat.isDirectory(),
          // A broken link is reported when read.
          () => false,
        )
      ) {
        problem(
          `names the folder ${match}: the catalog reads files only (expected a file or a glob such as ${target.replace(
            /\/*$/,
            '/*.yaml',
          )})`,
        );
      } else {
        result.files.push(match);
      }
    }
  }
  return result;
}

/** Whether `file`, links followed, is outside `root`; a link loop is not. */
function isOutside(root: string, file: string) {
  try {
    return !isChildPath(root, file);
  } catch {
    // Reported when read.
    return false;
  }
}

/**
 * The files `target` of a Location in `file`, read through a file location,
 * names as the catalog's file reader globs them; why not, to `problem`.
 */
async function readFileTargets(
  target: string,
  file: string,
  backendDir: string,
  presence: unknown,
  problem: (message: string) => void,
): Promise<string[]> {
  const beside = target.startsWith('.');
  let pattern = target;
  if (beside) pattern = path.join(path.dirname(file), target);
  else if (!path.isAbsolute(target)) pattern = path.resolve(backendDir, target);
  const matches: string[] = [];
  try {
    for await (const match of fs.glob(pattern)) matches.push(match);
  } catch (error) {
    problem(`cannot be read: ${(error as Error).message}`);
    return [];
  }
  if (matches.length === 0 && presence !== 'optional') {
    const where = path.isAbsolute(target)
      ? 'from the root of the filesystem'
      : `from the backend's folder ${backendDir}`;
    problem(
      beside
        ? 'matches no file beside this file'
        : `matches no file: read through a file location, the catalog reads it ${where}, beside this file only when it starts with . (write ./${target.replace(
            /^\/+/,
            '',
          )})`,
    );
  }
  return matches.sort();
}
