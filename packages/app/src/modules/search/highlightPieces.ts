/** A run of a search result's text, and whether the query matched it. */
export type HighlightPiece = { text: string; highlighted: boolean };

/** Text with the engine's highlight tags as runs, tags dropped. */
export function highlightPieces(
  text: string,
  preTag: string,
  postTag: string,
): HighlightPiece[] {
  const pieces: HighlightPiece[] = [];
  for (const [index, part] of text.split(preTag).entries()) {
    const [highlighted, rest] =
      index === 0 ? [undefined, part] : splitOnce(part, postTag);
    if (highlighted) pieces.push({ text: highlighted, highlighted: true });
    if (rest) pieces.push({ text: rest, highlighted: false });
  }
  return pieces;
}

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  return at < 0
    ? [text, '']
    : [text.slice(0, at), text.slice(at + separator.length)];
}
