const encoder = new TextEncoder();

/**
 * The length of `text` in UTF-8 bytes, which is what database index limits
 * count. Short text, which cannot reach `atMost`, is not encoded.
 */
export function fitsUtf8Bytes(text: string, atMost: number): boolean {
  return text.length * 3 <= atMost || encoder.encode(text).length <= atMost;
}
