import { ConfigReader, type AppConfig as FileConfig } from '@backstage/config';
import { FileConfigSource } from '@backstage/config-loader';
import path from 'path';
import { parseDocument } from 'yaml';
import {
  NotTextFileError,
  readTextFile,
} from '@meshwork/plugin-data-products-node';
import { yamlValueOf } from './yamlValueOf';

/** Read when `--config` is not given, if there is one. */
export const DEFAULT_CONFIG = 'app-config.yaml';

/** The app-config files given, as the backend reads them. */
export interface AppConfig {
  /** In the order given: a later file's values win. */
  files: string[];
  /**
   * The value at the dotted `key`, undefined when none sets it, and the file
   * an error in it is to name: the last one setting it (lists are not merged,
   * so the one that gave it), else the last one.
   */
  read(key: string): { value: unknown; file: string };
}

/**
 * What a variable that is not set reads as: the backend refuses to start
 * with one, but only a value the CLI reads (governance.policies, say, not
 * the database password) needs it.
 */
const unset = (name: string) => `\u0000unset ${name}\u0000`;
// eslint-disable-next-line no-control-regex
const UNSET = /\u0000unset (.*?)\u0000/;

/** Where in `value` a variable that is not set is read, if anywhere. */
function unsetIn(
  value: unknown,
  at = '',
): { at: string; name: string } | undefined {
  if (typeof value === 'string') {
    const name = UNSET.exec(value)?.[1];
    return name === undefined ? undefined : { at, name };
  }
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, item] of Object.entries(value)) {
    const found = unsetIn(
      item,
      Array.isArray(value) ? `${at}[${key}]` : `${at}.${key}`,
    );
    if (found) return found;
  }
  return undefined;
}

/**
 * The data of one app-config file, with `$include`, `$env` and `${VAR}`
 * applied by Backstage's loader; undefined when it is not there and
 * `optional`.
 */
async function readConfigFile(
  file: string,
  optional: boolean,
): Promise<FileConfig['data'] | undefined> {
  let text: string;
  try {
    text = await readTextFile(file);
  } catch (error) {
    if (optional && (error as NodeJS.ErrnoException).code === 'ENOENT') {
      return undefined;
    }
    throw new Error(
      `--config ${file}: ${
        error instanceof NotTextFileError
          ? error.message
          : `cannot read (${(error as Error).message})`
      }`,
    );
  }
  const read = yamlValueOf(parseDocument(text), text, { json: false });
  if ('problem' in read) {
    throw new Error(`--config ${file}: ${read.problem}`);
  }
  const source = FileConfigSource.create({
    path: path.resolve(file),
    watch: false,
    substitutionFunc: async name => process.env[name]?.trim() ?? unset(name),
    // What was read above: a file that is not UTF-8, too big or not valid
    // YAML is refused as an entity file is, not read leniently again.
    parser: async () => ({
      result: (read.value ?? undefined) as FileConfig['data'] | undefined,
    }),
  });
  let data: FileConfig['data'] = {};
  try {
    // Not watched: read once.
    for await (const { configs } of source.readConfigData()) {
      data = configs[0]?.data ?? data;
    }
  } catch (error) {
    throw new Error(`--config ${file}: ${(error as Error).message}`);
  }
  return data;
}

/**
 * The app-config `files`, merged in order as the backend merges them (a
 * later file's values win, lists whole), or ./app-config.yaml if there is
 * one; undefined when none is given nor there (a domain's own repository
 * has no app-config).
 */
export async function readAppConfig(
  files: string[] = [],
): Promise<AppConfig | undefined> {
  const configs: FileConfig[] = [];
  for (const file of files.length ? files : [DEFAULT_CONFIG]) {
    const data = await readConfigFile(file, !files.length);
    if (data === undefined) return undefined;
    configs.push({ data, context: file });
  }
  return mergeAppConfigs(configs);
}

/** The data of app-config files, each by its `context`, merged in order. */
export function mergeAppConfigs(configs: FileConfig[]): AppConfig {
  const merged = ConfigReader.fromConfigs(configs);
  return {
    files: configs.map(({ context }) => context),
    read(key) {
      const value = merged.getOptional(key);
      const { context: file } =
        configs.findLast(
          ({ data, context }) =>
            new ConfigReader(data, context).getOptional(key) !== undefined,
        ) ?? configs[configs.length - 1];
      const missing = unsetIn(value);
      if (missing) {
        throw new Error(
          `--config ${file}: ${key}${missing.at}: environment variable ${missing.name} is not set (the backend would not start)`,
        );
      }
      return { value, file };
    },
  };
}
