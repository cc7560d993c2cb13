import { makeStyles } from '@material-ui/core/styles';
import type { ReactNode } from 'react';

/**
 * The graph's fullscreen button floats over its top right corner, where a
 * node may be drawn: a strip as tall as the button keeps the graph below it
 * (in fullscreen, the graph has the whole screen).
 */
const useStyles = makeStyles(theme => ({
  root: {
    // A wrapper that leaves the card's place in the page's grid as it was.
    display: 'contents',
    '& .fullscreen:not(.fullscreen-enabled) > div': {
      paddingTop: theme.spacing(6),
    },
  },
}));

/** The Relations card of an entity page, its graph clear of its button. */
export function RelationsCardFit(props: { children: ReactNode }) {
  const classes = useStyles();
  return <div className={classes.root}>{props.children}</div>;
}
