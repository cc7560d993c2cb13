import { makeStyles } from '@material-ui/core/styles';
import type { ReactNode } from 'react';

/**
 * The filter column is a sixth of the page at 1280 px: with the list's
 * default gutters and the room kept for each count, "Owned" and "Starred"
 * were cut off. Narrower gutters leave their labels the room they need.
 */
const useStyles = makeStyles(theme => ({
  root: {
    // A wrapper that leaves the filter column's layout as it was.
    display: 'contents',
    '& .MuiListItem-gutters': {
      paddingLeft: theme.spacing(1),
    },
    '& .MuiListItem-secondaryAction': {
      paddingRight: theme.spacing(4.5),
    },
    '& .MuiListItemSecondaryAction-root': {
      right: theme.spacing(1),
    },
  },
}));

/** Backstage's Personal/organisation list filter, fitted to a narrow column. */
export function FittedUserListPicker(props: { children: ReactNode }) {
  const classes = useStyles();
  return <div className={classes.root}>{props.children}</div>;
}
