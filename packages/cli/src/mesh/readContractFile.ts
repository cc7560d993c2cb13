import { promises as fs } from 'fs';
import { parse as parseYaml } from 'yaml';

/** The YAML document of a contract file, not yet checked as ODCS. */
export async function readContractFile(file: string): Promise<unknown> {
  return parseYaml(await fs.readFile(file, 'utf8'));
}
