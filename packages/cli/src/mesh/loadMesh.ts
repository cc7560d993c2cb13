import { promises as fs } from 'fs';
import path from 'path';
import type { Entity } from '@backstage/catalog-model';
import { parseAllDocuments } from 'yaml';
import {
  DATA_PRODUCT_KIND,
  DataProductEntityV1alpha1,
} from '@meshwork/plugin-data-products-common';
import { CatalogRule, kindRefusedAt } from './catalogRules';
import { checkCatalogEntity } from './checkCatalogEntity';
import { readPlaceholders } from './readPlaceholders';

/** A problem found in a file, printed as `file (entity): path: message`. */
export interface MeshError {
  file: string;
  /** The entity of the file it is in, by name (or `document N`). */
  entity?: string;
  path: string;
  message: string;
}

/** Where an error is: `file (entity)`; `file` as it should be shown. */
export function locateMeshError(error: MeshError, file = error.file) {
  return `${file}${error.entity ? ` (${error.entity})` : ''}`;
}

/** One line for an error; `file` as it should be shown. */
export function describeMeshError(error: MeshError, file = error.file) {
  return `${locateMeshError(error, file)}: ${
    error.path ? `${error.path}: ` : ''
  }${error.message}`;
}

/** A catalog entity document read from disk, with the file it came from. */
export interface MeshDocument {
  file: string;
  /** Position of the document within a multi-document file. */
  index: number;
  entity: any;
}

export interface Mesh {
  documents: MeshDocument[];
  errors: MeshError[];
}

const CONTRACT_FILE = /\.odcs\.ya?ml$/;

/**
 * The YAML files under `target`, folders reached through symlinks too
 * (a shared folder linked in, say), each folder once (`seen`, by real
 * path): a link back up the tree is not followed again. In name order, one
 * at a time, so that a folder reached twice is always listed where first
 * met.
 */
async function listYamlFiles(
  target: string,
  seen: Set<string>,
): Promise<string[]> {
  const stat = await fs.stat(target);
  if (stat.isFile()) {
    return [target];
  }
  const real = await fs.realpath(target);
  if (seen.has(real)) return [];
  seen.add(real);
  const entries = await fs.readdir(target, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    // Hidden files and folders (.github's workflows, say) hold no catalog
    // entities: a catalog location's glob does not read them either.
    if (entry.name.startsWith('.')) continue;
    const full = path.join(target, entry.name);
    const isFolder =
      entry.isDirectory() ||
      (entry.isSymbolicLink() &&
        (await fs.stat(full).then(
          linked => linked.isDirectory(),
          // A broken link to a YAML file is reported when read.
          () => false,
        )));
    if (isFolder) {
      files.push(...(await listYamlFiles(full, seen)));
    } else if (/\.ya?ml$/.test(entry.name) && !CONTRACT_FILE.test(entry.name)) {
      // Contracts are read through the products that reference them.
      files.push(full);
    }
  }
  return files;
}

/** Reads every catalog document under the given files and folders. */
export async function loadMesh(
  targets: string[],
  options: { catalogRules?: CatalogRule[] } = {},
): Promise<Mesh> {
  const documents: MeshDocument[] = [];
  const errors: MeshError[] = [];
  // Paths given that overlap (a folder and a file in it) read each once.
  const folders = new Set<string>();
  const filesRead = new Set<string>();
  for (const target of targets) {
    let files: string[];
    try {
      files = await listYamlFiles(target, folders);
    } catch (error) {
      errors.push({
        file: target,
        path: '',
        message: `cannot read: ${(error as Error).message}`,
      });
      continue;
    }
    for (const file of files) {
      // As given, not as linked: the catalog reads a linked copy again.
      const resolved = path.resolve(file);
      if (filesRead.has(resolved)) continue;
      filesRead.add(resolved);
      let text: string;
      try {
        text = await fs.readFile(file, 'utf8');
      } catch (error) {
        errors.push({
          file,
          path: '',
          message: `cannot read: ${(error as Error).message}`,
        });
        continue;
      }
      for (const [index, doc] of parseAllDocuments(text).entries()) {
        if (doc.errors.length > 0) {
          for (const error of doc.errors) {
            const [line, col] = error.linePos?.[0]
              ? [error.linePos[0].line, error.linePos[0].col]
              : [0, 0];
            errors.push({
              file,
              path: '',
              message: `is not valid YAML at line ${line}, column ${col}: ${
                error.message.split('\n')[0]
              }`,
            });
          }
          continue;
        }
        let entity;
        try {
          // Aliases are only resolved here: one without its anchor, or too
          // many of them (an alias bomb), fails this document alone.
          entity = doc.toJS();
        } catch (error) {
          errors.push({
            file,
            entity: `document ${index + 1}`,
            path: '',
            message: `is not valid YAML: ${(error as Error).message}`,
          });
          continue;
        }
        if (entity === null || entity === undefined) continue;
        const name = entity.metadata?.name;
        const named = typeof name === 'string' ? name : `document ${index + 1}`;
        const placeholders = await readPlaceholders(entity, file);
        if (placeholders.problems.length > 0) {
          for (const problem of placeholders.problems) {
            errors.push({ file, entity: named, ...problem });
          }
          continue;
        }
        // Refused by the catalog before any kind's rules: not read further.
        const problem =
          (await checkCatalogEntity(placeholders.entity)) ??
          kindRefusedAt(
            options.catalogRules,
            (placeholders.entity as Entity).kind,
            file,
          );
        if (problem) {
          errors.push({ file, entity: named, path: '', message: problem });
          continue;
        }
        documents.push({ file, index, entity: placeholders.entity });
      }
    }
  }
  return { documents, errors };
}

export function isDataProductDocument(
  doc: MeshDocument,
): doc is MeshDocument & { entity: DataProductEntityV1alpha1 } {
  return doc.entity?.kind === DATA_PRODUCT_KIND;
}
