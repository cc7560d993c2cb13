import { promises as fs } from 'fs';
import path from 'path';
import type { Entity } from '@backstage/catalog-model';
import { parseAllDocuments } from 'yaml';
import {
  DATA_PRODUCT_KIND,
  DataProductEntityV1alpha1,
} from '@meshwork/plugin-data-products-common';
import { CatalogRules, kindRefusedAt } from './catalogRules';
import { checkCatalogEntity } from './checkCatalogEntity';
import { locationTargets } from './locationTargets';
import { printable } from './printable';
import { readPlaceholders } from './readPlaceholders';
import {
  readTextFile,
  whyUnreadable,
} from '@meshwork/plugin-data-products-node';
import { yamlValueOf } from './yamlValueOf';

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
  return printable(
    `${locateMeshError(error, file)}: ${error.path ? `${error.path}: ` : ''}${
      error.message
    }`,
  );
}

/** A catalog entity document read from disk, with the file it came from. */
export interface MeshDocument {
  file: string;
  /** Position of the document within a multi-document file. */
  index: number;
  entity: any;
  /**
   * The fields holding a placeholder that names a URL, not fetched offline:
   * what they hold is a stand-in, not to be judged.
   */
  unread: string[];
  /**
   * Whether the catalog reads it through a file location of the
   * app-config, which reads no contract from a repository's root.
   */
  readAsFile: boolean;
}

export interface Mesh {
  documents: MeshDocument[];
  errors: MeshError[];
  /** The contract files given by name, to be checked as contracts. */
  contracts: Array<{ file: string; text: string }>;
  /**
   * What was named but not read offline: a Location's URL target, a
   * placeholder's URL.
   */
  notes: MeshError[];
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
  // A FIFO given by name, say, is refused when read.
  if (!stat.isDirectory()) {
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
    } else if (
      // Not a FIFO or a socket, say, which no catalog location reads (a
      // link to one is refused when read).
      (entry.isFile() || entry.isSymbolicLink()) &&
      /\.ya?ml$/.test(entry.name)
    ) {
      files.push(full);
    }
  }
  return files;
}

/**
 * Why a run read nothing to validate, from a path given: `unread`, the URLs
 * its Locations name.
 */
function nothingRead(unread: string[]) {
  const why = unread.length
    ? `the URLs its Locations name (${unread
        .map(url => JSON.stringify(url))
        .join(
          ', ',
        )}) are not read offline: give the paths of their files instead`
    : 'expected at least one here or in the files a Location here names';
  return `no DataProduct entity read, nothing validated: ${why}`;
}

/**
 * Reads every catalog document under the given files and folders, and in
 * the files their Locations name, as the catalog reads a location; a
 * contract given by name is read to be checked as one. A run that reads no
 * product nor contract fails: it would pass having checked nothing.
 */
export async function loadMesh(
  targets: string[],
  options: { catalogRules?: CatalogRules } = {},
): Promise<Mesh> {
  const documents: MeshDocument[] = [];
  const errors: MeshError[] = [];
  const contracts: Mesh['contracts'] = [];
  const notes: MeshError[] = [];
  // Paths given that overlap (a folder and a file in it) read each once.
  const folders = new Set<string>();
  const filesRead = new Set<string>();
  // Each Location once, by real path and document: a Location naming
  // itself, or one naming it back, through a linked folder too, ends there.
  const locationsFollowed = new Set<string>();
  const fileLocations = options.catalogRules?.fileLocations;
  /** The app-config's file location that reads `file`, if one does. */
  const locationReading = (file: string) =>
    fileLocations?.locations.find(location => location.matches(file));
  // Files the catalog reads through a file location, by absolute path: its
  // own, or those a Location in one names, which it reads as files too.
  const readAsFile = new Set<string>();
  // The files each Location names, by the files of the Locations naming it.
  const namedBy = new Map<string, string[]>();

  /** The text of `file`, or undefined when why not is an error. */
  const readText = (file: string) =>
    readTextFile(file).catch(error => {
      errors.push({ file, path: '', message: whyUnreadable(error) });
      return undefined;
    });

  /** Reads a file's documents; returns the files its Locations name. */
  const readEntities = async (file: string, unread: string[]) => {
    const next: string[] = [];
    const text = await readText(file);
    if (text === undefined) return next;
    const asFile = readAsFile.has(path.resolve(file));
    for (const [index, doc] of parseAllDocuments(text).entries()) {
      const read = yamlValueOf(doc, text);
      if ('problem' in read) {
        errors.push({
          file,
          entity: `document ${index + 1}`,
          path: '',
          message: read.problem,
        });
        continue;
      }
      const entity = read.value as any;
      if (entity === null || entity === undefined) continue;
      const name = entity.metadata?.name;
      const named = typeof name === 'string' ? name : `document ${index + 1}`;
      const placeholders = await readPlaceholders(entity, file, {
        readAsFile: asFile,
      });
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
          placeholders.entity as Entity,
          file,
        );
      if (problem) {
        errors.push({ file, entity: named, path: '', message: problem });
        continue;
      }
      for (const { path: field, placeholder, target } of placeholders.unread) {
        notes.push({
          file,
          entity: named,
          path: field,
          message: `${placeholder} ${JSON.stringify(
            target,
          )} is a URL, not fetched offline: not validated`,
        });
      }
      documents.push({
        file,
        index,
        entity: placeholders.entity,
        unread: placeholders.unread.map(({ path: field }) => field),
        readAsFile: asFile,
      });
      if ((placeholders.entity as Entity).kind !== 'Location') continue;
      const followed = `${await fs.realpath(file)}#${index}`;
      if (locationsFollowed.has(followed)) continue;
      locationsFollowed.add(followed);
      const location = await locationTargets(
        placeholders.entity as Entity,
        file,
        asFile ? fileLocations?.backendDir : undefined,
      );
      next.push(...location.files);
      for (const target of location.files.map(f => path.resolve(f))) {
        if (asFile) readAsFile.add(target);
        namedBy.set(target, [
          ...(namedBy.get(target) ?? []),
          path.resolve(file),
        ]);
      }
      for (const targetProblem of location.problems) {
        errors.push({ file, entity: named, ...targetProblem });
      }
      for (const { path: field, target } of location.unread) {
        unread.push(target);
        notes.push({
          file,
          entity: named,
          path: field,
          message: `${JSON.stringify(
            target,
          )} is a URL, not read offline: the entities there are not validated`,
        });
      }
    }
    return next;
  };

  // Contracts checked against the file locations, by absolute path.
  const contractsChecked = new Set<string>();
  /** A contract the catalog reads as an entity fails the location's files. */
  const checkContractUnread = (file: string) => {
    const location = locationReading(file);
    if (!location || contractsChecked.has(path.resolve(file))) return;
    contractsChecked.add(path.resolve(file));
    errors.push({
      file,
      path: '',
      message: `the catalog location ${JSON.stringify(location.target)} (${
        location.source
      }) reads this contract as an entity and refuses it (<root> must have required property 'metadata'), failing every entity of that location: keep contracts where no file location reads them`,
    });
  };

  // A path that is not there is a usage mistake, not a problem found.
  for (const target of targets) {
    await fs.stat(target).catch(error => {
      if (error.code !== 'ENOENT') return;
      throw new Error(
        `${target} does not exist: expected YAML files or folders (a glob the shell passes as written matched nothing)`,
      );
    });
  }
  // The entity files found under the paths given, to be read by the catalog.
  const walked: string[] = [];
  // The URLs each path given leads to, not read.
  const unreadOf = new Map<string, string[]>();
  for (const target of targets) {
    const unread: string[] = [];
    unreadOf.set(target, unread);
    // Given by name (a CI step passing the files a change touched), a
    // contract is checked as one; under a folder it is read through the
    // products naming it.
    if (CONTRACT_FILE.test(target)) {
      checkContractUnread(target);
      const text = await readText(target);
      if (text !== undefined) contracts.push({ file: target, text });
      continue;
    }
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
    const found = files.length;
    // Grows as the Locations read name more files.
    for (let i = 0; i < files.length; i++) {
      // Under a folder, a contract is read through the products naming it.
      if (i < found && CONTRACT_FILE.test(files[i])) {
        checkContractUnread(files[i]);
        continue;
      }
      // As given, not as linked: the catalog reads a linked copy again.
      const resolved = path.resolve(files[i]);
      if (filesRead.has(resolved)) continue;
      filesRead.add(resolved);
      if (i < found) walked.push(resolved);
      if (locationReading(resolved)) readAsFile.add(resolved);
      files.push(...(await readEntities(files[i], unread)));
    }
  }
  if (fileLocations) {
    /** Whether a file location reads `file`, or a Location it reads names it. */
    const registered = (file: string, seen: Set<string>): boolean => {
      if (seen.has(file)) return false;
      seen.add(file);
      return (
        locationReading(file) !== undefined ||
        (namedBy.get(file) ?? []).some(by => registered(by, seen))
      );
    };
    for (const file of walked) {
      // Only in the folders its file locations glob over: one elsewhere (a
      // domain's repository) may be registered by URL.
      if (
        !fileLocations.locations.some(location => location.covers(file)) ||
        registered(file, new Set())
      ) {
        continue;
      }
      const renamed = file.replace(/\.yml$/, '.yaml');
      errors.push({
        file,
        path: '',
        message: `the catalog never registers this file: no file location of its app-config (${fileLocations.locations
          .map(location => JSON.stringify(location.target))
          .join(', ')}) reads it, nor a Location they read${
          renamed !== file && locationReading(renamed)
            ? ': name it .yaml, as they read'
            : ''
        }`,
      });
    }
  }
  if (
    errors.length === 0 &&
    contracts.length === 0 &&
    !documents.some(isDataProductDocument)
  ) {
    for (const target of targets) {
      errors.push({
        file: target,
        path: '',
        message: nothingRead(unreadOf.get(target)!),
      });
    }
  }
  return { documents, errors, contracts, notes };
}

export function isDataProductDocument(
  doc: MeshDocument,
): doc is MeshDocument & { entity: DataProductEntityV1alpha1 } {
  return doc.entity?.kind === DATA_PRODUCT_KIND;
}
