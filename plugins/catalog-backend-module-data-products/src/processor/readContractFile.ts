import { UrlReaderService } from '@backstage/backend-plugin-api';
import { LocationSpec } from '@backstage/plugin-catalog-common';
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
  location: LocationSpec,
  relativePath: string,
): Promise<ContractFile> {
  if (location.type === 'file') {
    const file = path.resolve(path.dirname(location.target), relativePath);
    return { location: file, text: await fs.readFile(file, 'utf8') };
  }
  const url = new URL(relativePath, location.target).toString();
  const response = await reader.readUrl(url);
  return { location: url, text: (await response.buffer()).toString('utf8') };
}
