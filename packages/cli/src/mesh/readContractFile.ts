import { promises as fs } from 'fs';

/** The text of a contract file; `parseDataContract` reads it as YAML. */
export async function readContractFile(file: string): Promise<string> {
  return fs.readFile(file, 'utf8');
}
