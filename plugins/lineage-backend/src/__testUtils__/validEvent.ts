import {
  parseOpenLineageEvent,
  ParsedOpenLineageEvent,
} from '@meshwork/plugin-lineage-common';

/** A test's event, valid by design, parsed; what is wrong with it if not. */
export function validEvent(event: unknown): ParsedOpenLineageEvent {
  const result = parseOpenLineageEvent(event);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result;
}
