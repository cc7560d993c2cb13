import { InputError } from '@backstage/errors';

/** A page's last row as the key the next page starts after: its time and id. */
export type PageKey<Id extends number | string> = { time: number; id: Id };

/** The opaque `cursor` a page hands out for the next one. */
export function encodePageCursor(key: PageKey<number | string>): string {
  return Buffer.from(JSON.stringify([key.time, key.id])).toString('base64url');
}

/**
 * The key of a `cursor` this API handed out, or a 400 for any other text
 * (times and numeric ids must be safe integers; times may be negative,
 * before 1970).
 */
export function decodePageCursor<Id extends number | string>(
  text: string | undefined,
  idType: Id extends number ? 'number' : 'string',
): PageKey<Id> | undefined {
  if (!text) return undefined;
  let decoded: unknown;
  const bytes = Buffer.from(text, 'base64url');
  // Decoding skips what is not base64url: only a cursor that encodes back
  // to the same text is one.
  if (bytes.toString('base64url') === text) {
    try {
      decoded = JSON.parse(bytes.toString('utf8'));
    } catch {
      decoded = undefined;
    }
  }
  const [time, id] = Array.isArray(decoded) ? decoded : [];
  const validId =
    idType === 'number'
      ? Number.isSafeInteger(id)
      : typeof id === 'string' && !id.includes('\u0000');
  if (
    !Array.isArray(decoded) ||
    decoded.length !== 2 ||
    !Number.isSafeInteger(time) ||
    !validId
  ) {
    throw new InputError('cursor is not one this API returned');
  }
  return { time, id };
}
