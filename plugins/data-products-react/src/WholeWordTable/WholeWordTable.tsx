import {
  Table,
  TableContainer,
  TableProps,
  withStyles,
} from '@material-ui/core';

const WholeWordCells = withStyles({
  root: {
    '& th, & td': { wordBreak: 'normal', overflowWrap: 'break-word' },
  },
})(Table);

/**
 * A table that breaks lines between words only. Backstage's theme lets table
 * cells break anywhere (`word-break: break-word`), so a narrow card squeezes
 * short words such as "freshness" into "fresh / ness"; here a column is at
 * least as wide as its longest word, and a table wider than its card (a long
 * error message, say) scrolls sideways instead of being cut off by the card.
 */
export function WholeWordTable(props: TableProps) {
  return (
    <TableContainer>
      <WholeWordCells {...props} />
    </TableContainer>
  );
}
