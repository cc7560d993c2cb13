import { Chip, makeStyles, Tooltip } from '@material-ui/core';
import { ResolvedDeprecation } from '@meshwork/plugin-data-products-common';
import { EntityTitleLinks } from '../EntityTitleLinks';
import { describeSunset } from './describeSunset';

const useStyles = makeStyles(theme => ({
  chip: {
    marginLeft: theme.spacing(1),
    color: theme.palette.warning.dark,
    borderColor: theme.palette.warning.main,
  },
}));

/**
 * Marks an input whose source product is deprecated, so its readers see
 * they must move off it before it is removed, and says where to move and by
 * when, as the source tells.
 */
export const DeprecatedSourceChip = (props: {
  deprecation: ResolvedDeprecation;
}) => {
  const classes = useStyles();
  const { successorRef, sunset } = props.deprecation;
  const destination = successorRef
    ? 'move this input to its successor'
    : 'move this input off it';
  return (
    <>
      <Tooltip
        title={`The source product is deprecated: ${destination} before it is removed.`}
      >
        <Chip
          component="span"
          size="small"
          variant="outlined"
          label="deprecated"
          className={classes.chip}
        />
      </Tooltip>
      {successorRef && (
        <>
          {' '}
          use <EntityTitleLinks entityRefs={[successorRef]} />
        </>
      )}
      {sunset &&
        `${successorRef ? ',' : ''} served until ${describeSunset(sunset)}`}
    </>
  );
};
