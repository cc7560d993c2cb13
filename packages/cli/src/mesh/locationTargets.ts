import { isChildPath } from '@backstage/cli-common';
import { promises as fs } from 'fs';
import path from 'path';
import { repositoryRootOf } from './readContractFile';
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
 */
export async function locationTargets(
  entity: { spec?: Record<string, unknown> },
  file: string,
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
    if (URL_SCHEME.test(target)) {
      result.unread.push({ path: field, target });
      continue;
    }
    const problem = (message: string) =>
      result.problems.push({
        path: field,
        message: `${JSON.stringify(target)} ${message}`,
      });
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
