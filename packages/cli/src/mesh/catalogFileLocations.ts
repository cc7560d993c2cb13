import { statSync } from 'fs';
import { Minimatch } from 'minimatch';
import path from 'path';
import type { AppConfig } from './readAppConfig';

/** One of an app-config's `catalog.locations` of type `file`. */
export interface CatalogFileLocation {
  /** As written, e.g. `../../catalog-info/products/**\/*.yaml`. */
  target: string;
  /** Where it is written, e.g. `catalog.locations[1] in app-config.yaml`. */
  source: string;
  /** What the backend globs: `target` resolved against `backendDir`. */
  pattern: string;
  /** Whether a file matches `pattern` as the catalog's file reader's glob. */
  matches(file: string): boolean;
  /** Whether a file is in the folder `pattern` globs over. */
  covers(file: string): boolean;
}

/** The file locations the catalog reads, and from where. */
export interface CatalogFileLocations {
  locations: CatalogFileLocation[];
  /**
   * The backend's working folder, which the catalog resolves a relative
   * file target against (`path.resolve`).
   */
  backendDir: string;
}

/**
 * The folder the backend runs in, beside the app-config `file`: a Backstage
 * monorepo starts its backend in packages/backend, where this repository's
 * app-config says its targets are relative to; any other app-config, its
 * own folder.
 */
function backendDirOf(file: string) {
  const folder = path.dirname(path.resolve(file));
  const backend = path.join(folder, 'packages', 'backend');
  try {
    return statSync(backend).isDirectory() ? backend : folder;
  } catch {
    return folder;
  }
}

/**
 * The `catalog.locations` of type `file` in `config`, each matching files as
 * the catalog's FileReaderProcessor globs them (glob's matcher, minimatch:
 * hidden files and folders left out, case-sensitive); undefined when there
 * are none, and nothing is to be told from them.
 */
export function catalogFileLocationsOf(
  config: AppConfig,
): CatalogFileLocations | undefined {
  const { value, file } = config.read('catalog.locations');
  if (!Array.isArray(value)) return undefined;
  const backendDir = backendDirOf(file);
  const locations = value.flatMap((location, i): CatalogFileLocation[] => {
    if (location?.type !== 'file' || typeof location.target !== 'string') {
      return [];
    }
    const pattern = path.resolve(backendDir, location.target);
    const matcher = new Minimatch(pattern, { dot: false });
    // The literal folders a pattern starts with, one per brace alternative.
    const bases = matcher.set.map(parts => {
      const literal: string[] = [];
      for (const part of parts.slice(0, -1)) {
        if (typeof part !== 'string') break;
        literal.push(part);
      }
      return literal.join('/') || '/';
    });
    return [
      {
        target: location.target,
        source: `catalog.locations[${i}] in ${file}`,
        pattern,
        matches: candidate => matcher.match(path.resolve(candidate)),
        covers: candidate =>
          bases.some(base =>
            path.resolve(candidate).startsWith(`${base.replace(/\/$/, '')}/`),
          ),
      },
    ];
  });
  return locations.length ? { locations, backendDir } : undefined;
}
