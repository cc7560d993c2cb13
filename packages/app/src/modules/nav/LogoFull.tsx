import { makeStyles } from '@material-ui/core';
import { LogoIcon } from './LogoIcon';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    alignItems: 'center',
    gap: 8,
  },
  name: {
    color: '#7df3e1',
    fontSize: 24,
    fontWeight: 700,
    letterSpacing: 0.5,
  },
});

/** Meshwork's mark and name, for the open sidebar. */
export const LogoFull = () => {
  const classes = useStyles();
  return (
    <span className={classes.root}>
      <LogoIcon />
      <span className={classes.name}>Meshwork</span>
    </span>
  );
};
