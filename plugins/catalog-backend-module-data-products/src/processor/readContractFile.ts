import { UrlReaderService } from '@backstage/backend-plugin-api';
import { ScmIntegrationRegistry } from '@backstage/integration';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import { CatalogProcessorCache } from '@backstage/plugin-catalog-node';
import { promises as fs } from 'fs';
import path from 'path';

/** Where a contract was read from, and its text. */
export interface ContractFile {
  location: string;
  text: string;
}

/**
 * Reads a contract referenced by a path relative to the entity's own file,
 * from disk for `file` locations and through the URL reader otherwise, the
 * same way the catalog read the entity.
 */
export async function readContractFile(
  reader: UrlReaderService,
  integrations: ScmIntegrationRegistry,
  location: LocationSpec,
  relativePath: string,
  cache?: CatalogProcessorCache,
): Promise<ContractFile> {
  if (location.type === 'file') {
    const file = path.resolve(path.dirname(location.target), relativePath);
    return { location: file, text: await fs.readFile(file, 'utf8') };
  }
  // As the SCM reads paths: Azure DevOps keeps the file in `?path=`,
  // Bitbucket Server the branch in `?at=`, and `/x` is the repository's root.
  const url = integrations.resolveUrl({
    url: relativePath,
    base: location.target,
  });
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
