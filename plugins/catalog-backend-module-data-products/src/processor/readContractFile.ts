import { isChildPath, UrlReaderService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { ScmIntegrationRegistry } from '@backstage/integration';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import { CatalogProcessorCache } from '@backstage/plugin-catalog-node';
import parseGitUrl from 'git-url-parse';
import {
  fileLocationsFolder,
  hiddenSegmentOf,
} from '@meshwork/plugin-data-products-common';
import {
  cachedRepositoryRootOf,
  ContractBound,
  decodeTextFile,
  hiddenContractError,
  readLocalContractFile,
  readTextFile,
} from '@meshwork/plugin-data-products-node';

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

/** Repository roots by folder: each processing cycle reads every contract. */
const repositoryRootOf = cachedRepositoryRootOf();

/**
 * Reads a contract referenced by a path relative to the entity's own file,
 * from disk for `file` locations (as the CLI does, see
 * `readLocalContractFile`) and through the URL reader otherwise, the same
 * way the catalog read the entity. A hidden file, or one in a hidden
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
    const { file, text } = await readLocalContractFile(
      location.target,
      relativePath,
      {
        readAsFile: true,
        bound: fallbackBoundOf(location.target, bounds),
        repositoryRootOf,
      },
    );
    return { location: file, text };
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
    // By the rules of a `file` location's contract: `toString('utf8')`
    // would read other bytes as U+FFFD, and take any size. Streamed, a huge
    // one is refused at the limit, not once held whole; `stream()` is
    // optional for a UrlReaderService.
    const text = response.stream
      ? await readTextFile(response.stream())
      : decodeTextFile(await response.buffer());
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
 * The folder the contracts of the file `target` are read within when it is
 * in no git repository (a copy of one): the folder of the catalog's file
 * locations that read it, else that of its origin location. Undefined when
 * none can be told: then no contract is read.
 */
function fallbackBoundOf(
  target: string,
  { originLocation, catalogFilesFolder }: ContractBounds,
): ContractBound | undefined {
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
          ? "the folder of the app-config's file locations, which read this file (in no git repository)"
          : `the folder of ${originLocation.target}, the location that reads this file (in no git repository)`,
      }
    : undefined;
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
