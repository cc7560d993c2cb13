import type { ParsedOpenLineageEvent } from '@meshwork/plugin-lineage-common';
import { createHash } from 'crypto';

/**
 * An event as the store takes it: parsed, and with the hash of its payload
 * when the receiver computed it already (on a parser thread, say), so the
 * thread storing events does not.
 */
export type StorableEvent = ParsedOpenLineageEvent & { payloadHash?: string };

/** The key that tells an event from a duplicate of it. */
export function hashEventPayload(payload: string): string {
  return createHash('sha256').update(payload).digest('hex');
}
