import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

/**
 * `governance.platformTeam` as the full, lower-case group ref Meshwork's
 * permission policy compares with a user's groups (a bare name is a group
 * of the default namespace); start-up stops on a value that is not one.
 */
export function platformTeamOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  let ref;
  try {
    ref = parseEntityRef(value, { defaultKind: 'group' });
  } catch {
    ref = undefined;
  }
  if (ref?.kind.toLocaleLowerCase('en-US') !== 'group') {
    throw new Error(
      `governance.platformTeam: expected a group ref like group:default/data-platform (got ${JSON.stringify(
        value,
      )})`,
    );
  }
  return stringifyEntityRef(ref).toLocaleLowerCase('en-US');
}
