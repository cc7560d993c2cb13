import { highlightPieces } from './highlightPieces';

/**
 * Search result text with the query's matches marked, all in one span: a
 * space alone between two marks, as in `use customer`, would otherwise be
 * a child of its own in a `display: -webkit-box` parent, which browsers do
 * not lay out, so the words ran together.
 */
export function HighlightedText(props: {
  text: string;
  preTag: string;
  postTag: string;
}) {
  return (
    <span>
      {highlightPieces(props.text, props.preTag, props.postTag).map(
        (piece, index) =>
          piece.highlighted ? (
            <mark key={index}>{piece.text}</mark>
          ) : (
            piece.text
          ),
      )}
    </span>
  );
}
