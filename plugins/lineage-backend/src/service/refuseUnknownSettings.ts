import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/**
 * Refuses a key of `config` (the settings under `path`) that is not one of
 * `known`, naming it and those expected: a misspelt setting would
 * otherwise be silently unused, leaving its default in force.
 */
export function refuseUnknownSettings(
  config: Config | undefined,
  path: string,
  known: string[],
): void {
  const unknown = config?.keys().find(key => !known.includes(key));
  if (unknown !== undefined) {
    throw new InputError(
      `${path}.${unknown} is not a setting: expected one of ${known
        .map(key => `${path}.${key}`)
        .join(', ')}`,
    );
  }
}
