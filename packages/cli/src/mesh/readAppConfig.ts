import { promises as fs } from 'fs';
import { parseDocument } from 'yaml';
import { yamlValueOf } from './yamlValueOf';

/** Read when `--config` is not given, if there is one. */
export const DEFAULT_CONFIG = 'app-config.yaml';

/**
 * The app-config `configFile`, parsed, or ./app-config.yaml if there is one;
 * undefined when neither is given nor there (a domain's own repository has
 * no app-config).
 */
export async function readAppConfig(configFile?: string): Promise<unknown> {
  let text: string;
  try {
    text = await fs.readFile(configFile ?? DEFAULT_CONFIG, 'utf8');
  } catch (error) {
    if (
      configFile !== undefined ||
      (error as NodeJS.ErrnoException).code !== 'ENOENT'
    ) {
      throw new Error(
        `--config ${configFile ?? DEFAULT_CONFIG}: cannot read (${
          (error as Error).message
        })`,
      );
    }
    return undefined;
  }
  const read = yamlValueOf(parseDocument(text), text);
  if ('problem' in read) {
    throw new Error(
      `--config ${configFile ?? DEFAULT_CONFIG}: ${read.problem}`,
    );
  }
  return read.value;
}
