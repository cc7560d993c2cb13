import type { ParsedOpenLineageEvent } from '@meshwork/plugin-lineage-common';
import { createHash } from 'crypto';
import type { PreparedEvent } from './prepareEvent';

/**
 * An event as the store takes it: parsed, or already in the form it
 * projects (prepared where the body was parsed, on a parser thread say, so
 * that the thread storing events does not).
 */
export type StorableEvent = ParsedOpenLineageEvent | PreparedEvent;

/** The key that tells an event from a duplicate of it. */
export function hashEventPayload(payload: string): string {
  return createHash('sha256').update(payload).digest('hex');
}
