import { Chip, makeStyles, Tooltip } from '@material-ui/core';

const useStyles = makeStyles(theme => ({
  chip: {
    marginLeft: theme.spacing(1),
    color: theme.palette.warning.dark,
    borderColor: theme.palette.warning.main,
  },
}));

/**
 * Marks an input whose source product is deprecated, so its readers see
 * they must move off it before it is removed.
 */
export const DeprecatedSourceChip = () => {
  const classes = useStyles();
  return (
    <Tooltip title="The source product is deprecated: move this input off it before it is removed.">
      <Chip
        component="span"
        size="small"
        variant="outlined"
        label="deprecated"
        className={classes.chip}
      />
    </Tooltip>
  );
};
