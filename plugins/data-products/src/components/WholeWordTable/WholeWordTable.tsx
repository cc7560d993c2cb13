import { Table, withStyles } from '@material-ui/core';

/**
 * A table that breaks lines between words only. Backstage's theme lets table
 * cells break anywhere (`word-break: break-word`), so a narrow card squeezes
 * short words such as "freshness" into "fresh / ness"; here a column is at
 * least as wide as its longest word, and a table wider than its card scrolls
 * in its TableContainer.
 */
export const WholeWordTable = withStyles({
  root: {
    '& th, & td': { wordBreak: 'normal', overflowWrap: 'break-word' },
  },
})(Table);
