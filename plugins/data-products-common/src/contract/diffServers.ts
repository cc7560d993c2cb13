import type { ContractChange } from './ContractChange';
import type { DataContract } from './DataContract';

/** A server as the contract schema checked it: named, typed, the rest as written. */
type Server = Record<string, unknown> & { server: string; type: string };

/**
 * The fields of an ODCS server that say where the data is and how it is
 * laid out (those of its server types, v3.0.x and v3.1.0): a consumer
 * following the old contract reads from there. Others (description,
 * environment, roles, customProperties, a Snowflake warehouse, Athena's
 * staging directory) leave the data where it was.
 */
const IDENTITY_FIELDS = [
  'type',
  'host',
  'port',
  'database',
  'schema',
  'catalog',
  'project',
  'dataset',
  'account',
  'serviceName',
  'location',
  'path',
  'format',
  'delimiter',
  'topic',
  'stream',
  'endpointUrl',
  'region',
  'regionName',
] as const;

/**
 * Names that are the same whatever their case (server types, host names,
 * file formats: `parquet` and `PARQUET`).
 */
const CASE_INSENSITIVE = new Set<string>(['type', 'host', 'format']);

/**
 * Fields naming a folder, where `az://data/` and `az://data` are one place.
 * Only one trailing slash is dropped, and never down to a bare root
 * (`s3://`, `/`), so no two different paths are taken for one: `az://data//`
 * (an empty folder name within) stays another place.
 */
const FOLDERS = new Set<string>(['location', 'path']);

/** A root and nothing below it: `/`, `s3://`, `file:///`. */
const BARE_ROOT = /^([a-z][a-z0-9+.-]*:)?\/*$/i;

function withoutTrailingSlash(text: string): string {
  return BARE_ROOT.test(text) ? text : text.replace(/\/$/, '');
}

/** Server types ODCS lists twice, for one kind of server (PostgresServer). */
const TYPE_ALIASES = new Map([['postgresql', 'postgres']]);

/** The contract's servers (kept in its extensions), by their `server` name. */
function serversOf(contract: DataContract): Map<string, Server> {
  const listed = (contract.extensions.servers ?? []) as Server[];
  return new Map(listed.map(server => [server.server, server]));
}

function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * A field's value to compare: `5432` and `'5432'` are one port, `postgres`
 * and `postgresql` one type, `az://data/` and `az://data` one location.
 */
function comparable(field: string, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const written =
    typeof value === 'object' ? JSON.stringify(value) : String(value).trim();
  const text = FOLDERS.has(field) ? withoutTrailingSlash(written) : written;
  if (!CASE_INSENSITIVE.has(field)) return text;
  const lower = text.toLowerCase();
  return field === 'type' ? TYPE_ALIASES.get(lower) ?? lower : lower;
}

/**
 * Servers matched by their `server` name: one removed, or one whose type or
 * location (host, port, database, schema, topic, path, format…) changed, is
 * breaking, as consumers reading the old place find nothing or other data;
 * a location field given or dropped on one side only is a warning (it may
 * only spell out a default); a server added is info.
 */
export function diffServers(
  oldContract: DataContract,
  newContract: DataContract,
): ContractChange[] {
  const before = serversOf(oldContract);
  const after = serversOf(newContract);
  const changes: ContractChange[] = [];
  for (const [name, server] of before) {
    const path = `servers.${name}`;
    const match = after.get(name);
    if (!match) {
      changes.push({
        kind: 'server-removed',
        severity: 'breaking',
        path,
        message: `Server ${name} was removed: consumers reading from it will find nothing.`,
        before: server,
      });
      continue;
    }
    for (const field of IDENTITY_FIELDS) {
      const a = comparable(field, server[field]);
      const b = comparable(field, match[field]);
      if (a === b) continue;
      const oneSided = a === undefined || b === undefined;
      changes.push({
        kind: 'server-changed',
        severity: oneSided ? 'warning' : 'breaking',
        path: `${path}.${field}`,
        message: oneSided
          ? `Server ${name}'s ${field} ${
              a === undefined
                ? `is now given (${show(match[field])})`
                : `is no longer given (was ${show(server[field])})`
            }: consumers should check where to read the data.`
          : `Server ${name}'s ${field} changed from ${show(
              server[field],
            )} to ${show(
              match[field],
            )}: consumers configured for the old one will fail or read other data.`,
        before: server[field],
        after: match[field],
      });
    }
  }
  for (const [name, server] of after) {
    if (before.has(name)) continue;
    changes.push({
      kind: 'server-added',
      severity: 'info',
      path: `servers.${name}`,
      message: `Server ${name} was added.`,
      after: server,
    });
  }
  return changes;
}
