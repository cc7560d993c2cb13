import path from 'path';
import { isChildPath } from '@backstage/cli-common';
import { parseAllDocuments } from 'yaml';
import {
  NotTextFileError,
  readTextFile,
  repositoryRootOf,
} from '@meshwork/plugin-data-products-node';
import { yamlValueOf } from './yamlValueOf';

/** A placeholder the catalog could not read, by the field that holds it. */
export interface PlaceholderProblem {
  path: string;
  message: string;
}

type Reading = 'text' | 'json' | 'yaml';

/**
 * The placeholders Meshwork's catalog reads, and what each reads its file
 * into: its catalog has no OpenAPI module, so `$openapi` is left as written.
 */
const PLACEHOLDERS: Record<string, Reading> = {
  $text: 'text',
  $json: 'json',
  $yaml: 'yaml',
};

/**
 * A placeholder naming a URL, which CI does not fetch, by the field that
 * holds it: what is checked there is checked against a stand-in.
 */
export interface UnreadPlaceholder {
  path: string;
  placeholder: string;
  target: string;
}

/** What a placeholder naming a URL stands for: CI does not fetch it. */
const UNREAD: Record<Reading, unknown> = {
  text: '(text read from a URL)',
  json: {},
  yaml: {},
};

/** A URL, which CI does not fetch, rather than a path. */
export const URL_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

function fieldPath(parent: string, key: string | number) {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent ? `${parent}.${key}` : key;
}

/** An output port's contract field, which may name its file itself. */
const PORT_CONTRACT = /^spec\.outputPorts\[\d+\]\.contract$/;

/**
 * Why a file location cannot read the placeholder at `at`: the catalog
 * resolves its path against the location's target, a path there, which
 * forms no URL, and refuses the entity. `root`: of the file's repository.
 */
function unreadThroughFile(
  key: string,
  target: string,
  { file, at, root }: { file: string; at: string; root?: string },
) {
  // A contract may name its file itself, read beside the product's file.
  const relative =
    target.startsWith('/') && root
      ? path.relative(path.dirname(file), path.join(root, target))
      : target;
  const instead = !PORT_CONTRACT.test(at)
    ? 'write its value in this file'
    : `give the contract's path instead (contract: ${
        relative.startsWith('/') ? 'a path relative to this file' : relative
      }), which the catalog reads beside this file`;
  return `${key} ${target} cannot be read: a file location of the app-config reads this file, and the catalog resolves a placeholder's path only against a URL, so it refuses the entity (could not form a URL out of this file's path and ${target}): ${instead}, or name a URL`;
}

/** What the placeholder `key` at field `at` of `file` reads. */
async function readPlaceholder(
  key: string,
  target: unknown,
  { file, at, readAsFile }: { file: string; at: string; readAsFile?: boolean },
): Promise<unknown> {
  const reading = PLACEHOLDERS[key];
  if (typeof target !== 'string') {
    throw new Error(
      `${key} expects a string, a path relative to this file or an absolute URL (got ${JSON.stringify(
        target,
      )})`,
    );
  }
  const root = await repositoryRootOf(file);
  if (readAsFile) {
    throw new Error(unreadThroughFile(key, target, { file, at, root }));
  }
  // As the catalog resolves it against the entity's URL in its repository:
  // `/…` from the repository's root, else beside the file, never outside.
  if (target.startsWith('/') && !root) {
    throw new Error(
      `${key} ${target} is read from the root of the entity's git repository, and this file is in none`,
    );
  }
  const resolved = target.startsWith('/')
    ? path.join(root!, target)
    : path.resolve(path.dirname(file), target);
  let inside = true;
  try {
    inside = !root || isChildPath(root, resolved);
  } catch (error) {
    throw new Error(
      `${key} cannot read ${target} beside this file: ${
        (error as Error).message
      }`,
    );
  }
  if (!inside) {
    throw new Error(
      `${key} ${target} is outside ${root}, the git repository of this file`,
    );
  }
  let content: string;
  try {
    // JSON.parse refuses a byte-order mark, which the catalog leaves in.
    content = await readTextFile(resolved, { keepBom: reading === 'json' });
  } catch (error) {
    throw new Error(
      error instanceof NotTextFileError
        ? `${key} ${target} ${error.message}`
        : `${key} cannot read ${target} beside this file: ${
            (error as Error).message
          }`,
    );
  }
  if (reading === 'text') return content;
  if (reading === 'json') {
    if (content.startsWith('\uFEFF')) {
      throw new Error(
        `${key} ${target} starts with a UTF-8 byte-order mark, which the catalog's JSON reader refuses: save it without one`,
      );
    }
    try {
      return JSON.parse(content);
    } catch (error) {
      throw new Error(
        `${key} ${target} is not valid JSON: ${(error as Error).message}`,
      );
    }
  }
  const documents = parseAllDocuments(content);
  if (documents.length !== 1) {
    throw new Error(
      `${key} ${target} must hold exactly one YAML document (found ${documents.length})`,
    );
  }
  const read = yamlValueOf(documents[0], content);
  if ('problem' in read) throw new Error(`${key} ${target} ${read.problem}`);
  return read.value;
}

/**
 * An entity as the catalog reads it from a repository before any check:
 * each placeholder (`{ $text: ./README.md }`, `{ $yaml: ./schema.yaml }`)
 * replaced by its file, read beside the entity's file (`/…` from the root
 * of its git repository, never outside it) as the catalog reads it beside
 * the entity's URL. A placeholder naming a URL stands for its kind of
 * content unread, listed in `unread`. One the catalog could not read fails
 * the entity there, so each is a problem here, named by its field: with
 * `readAsFile` (a file location reads `file`), every one naming a path.
 */
export async function readPlaceholders(
  entity: unknown,
  file: string,
  options: { readAsFile?: boolean } = {},
): Promise<{
  entity: unknown;
  problems: PlaceholderProblem[];
  unread: UnreadPlaceholder[];
}> {
  const problems: PlaceholderProblem[] = [];
  const unread: UnreadPlaceholder[] = [];
  const read = async (value: unknown, at: string): Promise<unknown> => {
    // One at a time, so that problems are listed in the file's order.
    if (Array.isArray(value)) {
      const items = [];
      for (const [i, item] of value.entries()) {
        items.push(await read(item, fieldPath(at, i)));
      }
      return items;
    }
    if (typeof value !== 'object' || value === null) return value;
    const keys = Object.keys(value);
    // As the catalog: a mapping with a key starting with `$` is read only
    // as one placeholder it knows, else left whole as written.
    if (keys.some(key => key.startsWith('$'))) {
      if (keys.length !== 1 || !Object.hasOwn(PLACEHOLDERS, keys[0])) {
        return value;
      }
      const [key] = keys;
      if (at === 'metadata.annotations') {
        problems.push({
          path: at,
          message: `${key} cannot stand for all the annotations: the catalog adds its location annotations (backstage.io/managed-by-location, say) to this mapping before it reads placeholders, so reads none here and refuses the entity (give each annotation its own value, or its own placeholder)`,
        });
        return value;
      }
      const target = (value as Record<string, unknown>)[key];
      if (typeof target === 'string' && URL_SCHEME.test(target)) {
        unread.push({ path: at, placeholder: key, target });
        return UNREAD[PLACEHOLDERS[key]];
      }
      try {
        return await readPlaceholder(key, target, { file, at, ...options });
      } catch (error) {
        problems.push({ path: at, message: (error as Error).message });
        return value;
      }
    }
    const entries = [];
    for (const [key, child] of Object.entries(value)) {
      entries.push([key, await read(child, fieldPath(at, key))]);
    }
    return Object.fromEntries(entries);
  };
  const result = await read(entity, '');
  return { entity: result, problems, unread };
}
