/**
 * Text as search compares it: composed (NFC, so that an `é` typed as one
 * character finds one stored as `e` and a combining accent) and lowercased.
 */
export function foldForSearch(text: string): string {
  return text.normalize('NFC').toLocaleLowerCase('en-US');
}
