import { asRecord } from './facetValues';

/** The states of the spec's `lifecycleStateChange` facet, upper-cased. */
export const LIFECYCLE_STATES: ReadonlySet<string> = new Set([
  'ALTER',
  'CREATE',
  'DROP',
  'OVERWRITE',
  'RENAME',
  'TRUNCATE',
]);

/**
 * The state a `lifecycleStateChange` facet reports, upper-cased: Marquez
 * matches states ignoring case, so a `drop` is a drop. Undefined for no
 * state, or one not text.
 */
export function lifecycleStateOf(facet: unknown): string | undefined {
  const state = asRecord(facet).lifecycleStateChange;
  return typeof state === 'string' ? state.toUpperCase() : undefined;
}
