import { Chip, ChipProps } from '@material-ui/core';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(theme => ({
  // White on `error.main` (or on `secondary.main`) is under 4.5:1 in the
  // light theme; on `error.dark` it reads in both themes.
  root: {
    backgroundColor: theme.palette.error.dark,
    color: theme.palette.getContrastText(theme.palette.error.dark),
  },
}));

/** A small chip saying a product or domain is breaching its SLOs now. */
export function BreachingChip(props: ChipProps) {
  const classes = useStyles();
  const { className, ...rest } = props;
  return (
    <Chip
      size="small"
      {...rest}
      className={className ? `${classes.root} ${className}` : classes.root}
    />
  );
}
