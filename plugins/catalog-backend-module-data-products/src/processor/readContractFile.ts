import { isChildPath, UrlReaderService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { ScmIntegrationRegistry } from '@backstage/integration';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import { CatalogProcessorCache } from '@backstage/plugin-catalog-node';
import { promises as fs } from 'fs';
import parseGitUrl from 'git-url-parse';
import path from 'path';
import {
  fileLocationsFolder,
  hiddenSegmentOf,
} from '@meshwork/plugin-data-products-common';

/** Where a contract was read from, and its text. */
export interface ContractFile {
  location: string;
  text: string;
}

/**
 * What bounds the contracts of a `file` location that is in no git
 * repository (a copy of one, say a built image).
 */
export interface ContractBounds {
  /** The location the catalog's processing of the entity started from. */
  originLocation?: LocationSpec;
  /**
   * The folder holding every `file` location of the app-config's
   * `catalog.locations` (see `fileLocationsFolder`), if any.
   */
  catalogFilesFolder?: string;
}

/**
 * Reads a contract referenced by a path relative to the entity's own file,
 * from disk for `file` locations and through the URL reader otherwise, the
 * same way the catalog read the entity. A hidden file, or one in a hidden
 * folder, is refused either way: secrets (`.env`) and git's own files are.
 */
export async function readContractFile(
  reader: UrlReaderService,
  integrations: ScmIntegrationRegistry,
  location: LocationSpec,
  relativePath: string,
  cache?: CatalogProcessorCache,
  bounds: ContractBounds = {},
): Promise<ContractFile> {
  if (location.type === 'file') {
    if (path.isAbsolute(relativePath)) {
      throw new InputError(
        `contract ${relativePath} must be a path relative to ${location.target}`,
      );
    }
    const file = path.resolve(path.dirname(location.target), relativePath);
    const bound = await contractBoundOf(location.target, bounds);
    if (!bound) {
      throw new InputError(
        `contract ${relativePath} is not read: ${location.target} is in no git repository, and the catalog did not read it through a file location of the app-config, so the folder its contracts may be read from is unknown (expected the file in a git repository, or read through a file location of the app-config)`,
      );
    }
    // Followed through symlinks: a link in the repository may point out.
    if (!isChildPath(bound.folder, file)) {
      throw new InputError(
        `contract ${relativePath} is outside ${bound.folder}, ${bound.what} ${location.target}`,
      );
    }
    // As written and as linked: a link may lead to a hidden file.
    const hidden =
      hiddenSegmentOf(path.relative(bound.folder, file)) ??
      hiddenSegmentOf(
        path.relative(
          await fs.realpath(bound.folder),
          await fs.realpath(file).catch(() => file),
        ),
      );
    if (hidden) throw hiddenContractError(relativePath, hidden);
    return { location: file, text: await fs.readFile(file, 'utf8') };
  }
  // As written, for a message naming the segment the author wrote; this
  // alone misses escapes and paths in the query (Azure DevOps' `?path=`).
  const written = hiddenSegmentOf(safeDecode(relativePath.split(/[?#]/)[0]));
  if (written) throw hiddenContractError(relativePath, written);
  // As the SCM reads paths: Azure DevOps keeps the file in `?path=`,
  // Bitbucket Server the branch in `?at=`, and `/x` is the repository's root.
  const url = integrations.resolveUrl({
    url: relativePath,
    base: location.target,
  });
  const filepath = assertSameRepository(
    integrations,
    url,
    location.target,
    relativePath,
  );
  // As resolved, the file the SCM will read: `a%zz/../%2Eenv` names `.env`.
  const hidden = hiddenSegmentOf(filepath ?? decodedPathOf(url));
  if (hidden) throw hiddenContractError(relativePath, hidden);
  // Read again only when changed, as the catalog reads entity files: each
  // processing cycle would otherwise count against the SCM's rate limit.
  const key = `contract ${url}`;
  const cached = await cache?.get<{ etag: string; text: string }>(key);
  try {
    const response = await reader.readUrl(url, { etag: cached?.etag });
    const text = (await response.buffer()).toString('utf8');
    if (response.etag) await cache?.set(key, { etag: response.etag, text });
    return { location: url, text };
  } catch (error) {
    if (!cached || (error as Error)?.name !== 'NotModifiedError') throw error;
    // Kept only if set again in this processing run.
    await cache?.set(key, cached);
    return { location: url, text: cached.text };
  }
}

/**
 * The folder the contracts of the file `target` are read within: its git
 * repository, or with none (a copy of one), the folder of the catalog's file
 * locations that read it, else that of its origin location. Undefined when
 * none can be told: then no contract is read.
 */
async function contractBoundOf(
  target: string,
  { originLocation, catalogFilesFolder }: ContractBounds,
): Promise<{ folder: string; what: string } | undefined> {
  const root = await repositoryRootOf(target);
  if (root) return { folder: root, what: 'the repository of' };
  if (originLocation?.type !== 'file') return undefined;
  const origin = fileLocationsFolder([originLocation.target]);
  if (!origin) return undefined;
  const shared =
    catalogFilesFolder !== undefined && isChildPath(catalogFilesFolder, origin);
  const folder = shared ? catalogFilesFolder : origin;
  return isChildPath(folder, target)
    ? {
        folder,
        what: shared
          ? "the folder of the app-config's file locations, which read"
          : `the folder of ${originLocation.target}, the location that reads`,
      }
    : undefined;
}

function hiddenContractError(written: string, hidden: string) {
  return new InputError(
    `contract ${written} is in a hidden file or folder (${hidden}), which is never read as a contract: hidden files hold secrets (.env) and git's own (.git)`,
  );
}

/**
 * The path of `url`, each segment decoded on its own: a bad escape in one
 * (`%zz`) leaves that one as written, not the others, whose `%2E` would
 * otherwise hide a `.`.
 */
function decodedPathOf(url: string) {
  return new URL(url).pathname.split('/').map(safeDecode).join('/');
}

function safeDecode(text: string) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Repository roots by folder: each processing cycle reads every contract. */
const repositoryRoots = new Map<string, Promise<string | undefined>>();

/**
 * The folder of the git repository holding `file` (the nearest holding
 * `.git`); none outside a repository (a copy of one, say), whose bounds
 * cannot be told.
 */
function repositoryRootOf(file: string): Promise<string | undefined> {
  const folder = path.dirname(path.resolve(file));
  let root = repositoryRoots.get(folder);
  if (!root) {
    root = findRepositoryRoot(folder);
    repositoryRoots.set(folder, root);
  }
  return root;
}

async function findRepositoryRoot(folder: string) {
  for (let dir = folder; ; dir = path.dirname(dir)) {
    if (await exists(path.join(dir, '.git'))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

async function exists(file: string) {
  return fs.stat(file).then(
    () => true,
    () => false,
  );
}

/** Integrations whose URLs `git-url-parse` reads as owner and repository. */
const REPOSITORY_HOSTS = new Set([
  'github',
  'gitlab',
  'bitbucketCloud',
  'bitbucketServer',
  'azure',
  'gitea',
]);

/**
 * A contract is read with the integration's credentials: as Backstage's
 * placeholders, it may only come from the entity's own host and, where the
 * URL names a repository, that repository; or a product could publish any
 * file those credentials can read. Returns the file's path in that
 * repository, decoded (Azure DevOps' `?path=` too), for a host whose URLs
 * name one; else undefined.
 */
function assertSameRepository(
  integrations: ScmIntegrationRegistry,
  url: string,
  base: string,
  written: string,
): string | undefined {
  const outside = new InputError(
    `contract ${written} is outside the repository of ${base}`,
  );
  if (new URL(url).host !== new URL(base).host) throw outside;
  const type = integrations.byUrl(base)?.type;
  if (!type || !REPOSITORY_HOSTS.has(type)) return undefined;
  let resolved: ReturnType<typeof parseGitUrl>;
  let own: ReturnType<typeof parseGitUrl>;
  try {
    resolved = parseGitUrl(url);
    own = parseGitUrl(base);
  } catch {
    throw new InputError(
      `contract ${written} does not resolve to a file of the repository of ${base}`,
    );
  }
  if (resolved.full_name !== own.full_name) throw outside;
  return resolved.filepath;
}
